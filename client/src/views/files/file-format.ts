import type { FileKind, Locale } from '../../api/server-types';
import { dictionaryOf } from '../../i18n/dictionaries';
import { en, type MessageKey } from '../../i18n/en';

/*
 * How a file is described on its card: size, kind and icon. Pure (the language is a parameter, no signals), so the
 * unit spec checks both languages without a browser.
 */

/** Arabic with Latin digits, as everywhere else in the client (i18n.ts pins the same). */
const INTL_LOCALE: Record<Locale, string> = { en: 'en', ar: 'ar-u-nu-latn' };
const UNITS = ['files.size.bytes', 'files.size.kb', 'files.size.mb', 'files.size.gb'] as const;
const formats = new Map<string, Intl.NumberFormat>();

/**
 * A size as people read it: "2.5 MB", «2.5 م.ب». Binary steps (1024), as the server counts its MAX_UPLOAD_MB
 * limit, so a file at the limit reads as the limit. One decimal below 10 units, none above.
 */
export function formatSize(bytes: number, locale: Locale): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const key = `${locale}:${digits}`;
  let format = formats.get(key);
  if (!format)
    formats.set(key, (format = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: digits })));
  // Rounding can carry a value to the next unit's threshold (1023.96 KB → "1,024 KB"); say it in the next unit.
  if (unit < UNITS.length - 1 && Number(value.toFixed(digits)) >= 1024) return formatSize(1024 ** (unit + 1), locale);
  const text = dictionaryOf(locale)[UNITS[unit]] ?? en[UNITS[unit]];
  return text.replace('{size}', format.format(value));
}

export const KIND_LABELS: Record<FileKind, MessageKey> = {
  image: 'files.kind.image',
  pdf: 'files.kind.pdf',
  document: 'files.kind.document',
  spreadsheet: 'files.kind.spreadsheet',
  presentation: 'files.kind.presentation',
  text: 'files.kind.text',
  archive: 'files.kind.archive',
  audio: 'files.kind.audio',
  video: 'files.kind.video',
  other: 'files.kind.other',
};

/** The kind's name in a language; an unknown kind (a newer server) reads as "other". */
export function kindLabel(kind: string, locale: Locale): string {
  const key = Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind as FileKind] : KIND_LABELS.other;
  return dictionaryOf(locale)[key] ?? en[key];
}

/** One outline glyph per kind (24×24, stroked in currentColor): a page with a mark telling the kinds apart. */
const PAGE = 'M6 3h8l4 4v14H6zM14 3v4h4';
export const KIND_ICONS: Record<FileKind, string> = {
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9h.01',
  pdf: `${PAGE}M9 13h6M9 16h6M9 10h2`,
  document: `${PAGE}M9 11h6M9 14h6M9 17h4`,
  spreadsheet: `${PAGE}M9 11h6v7H9zM9 14.5h6M12 11v7`,
  presentation: 'M3 4h18M5 4v11h14V4M12 15v4M9 20l3-1 3 1',
  text: `${PAGE}M9 12h6M9 15h6`,
  archive: `${PAGE}M11 3v2M11 7v2M11 11v2M10 15h2v3h-2z`,
  audio: 'M9 18V6l10-2v12M9 18a2 2 0 1 1-4 0 2 2 0 0 1 4 0M19 16a2 2 0 1 1-4 0 2 2 0 0 1 4 0',
  video: 'M3 6h13v12H3zM16 10l5-3v10l-5-3',
  other: PAGE,
};

export function kindIcon(kind: string): string {
  return Object.hasOwn(KIND_ICONS, kind) ? KIND_ICONS[kind as FileKind] : KIND_ICONS.other;
}

const EXTENSIONS: [RegExp, FileKind][] = [
  [/\.(png|jpe?g|gif|webp|heic|bmp|tiff?)$/, 'image'],
  [/\.pdf$/, 'pdf'],
  [/\.(docx?|odt|rtf)$/, 'document'],
  [/\.(xlsx?|ods|csv)$/, 'spreadsheet'],
  [/\.(pptx?|odp|key)$/, 'presentation'],
  [/\.(txt|md)$/, 'text'],
  [/\.(zip|7z|rar|tar|gz|tgz)$/, 'archive'],
  [/\.(mp3|m4a|wav|ogg|oga|flac|aac)$/, 'audio'],
  [/\.(mp4|mov|webm|mkv|avi)$/, 'video'],
];

/**
 * The kind a file picked here probably is, by its name, for its chip's icon while it uploads. Only a guess: the
 * server decides the kind from the bytes, and the card shows that.
 */
export function guessKind(name: string): FileKind {
  const lower = name.toLowerCase();
  return EXTENSIONS.find(([pattern]) => pattern.test(lower))?.[1] ?? 'other';
}
