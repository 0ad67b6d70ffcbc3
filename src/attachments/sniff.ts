import { UnsupportedMediaTypeException } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { refusal } from '../common/errors/refusal';
import { extensionOf } from './file-names';

/** How much of a file is looked at: what file-type itself reads for a reasonable detection. */
export const SNIFF_BYTES = 4100;

/** Types file-type can tell from the bytes that run code where they are opened: never stored. */
const REFUSED_SNIFFED = new Set([
  'application/x-elf',
  'application/x-msdownload',
  'application/x-mach-binary',
  'application/x-shockwave-flash',
  'application/x-ms-shortcut',
  'application/x-ms-regedit',
  'application/vnd.ms-htmlhelp',
  'application/x-google-chrome-extension',
  'application/x-xpinstall',
]);

/** Names that say "open me in a browser" or "run me": refused whatever the bytes are. */
const REFUSED_EXTENSIONS = new Set([
  'html',
  'htm',
  'xhtml',
  'xht',
  'shtml',
  'mht',
  'mhtml',
  'svg',
  'svgz',
  'xml',
  'xsl',
  'xslt',
  'js',
  'mjs',
  'cjs',
  'hta',
  'exe',
  'dll',
  'com',
  'scr',
  'msi',
  'bat',
  'cmd',
  'ps1',
  'vbs',
  'wsf',
  'jar',
  'sh',
  'bash',
  'zsh',
  'csh',
  'elf',
  'so',
  'dylib',
  'app',
  'php',
  'swf',
]);

/**
 * Types the bytes cannot tell (plain text, and formats file-type leaves to the name), allowed by extension. Office's
 * zip-based formats are usually told by their bytes; they are here for the ones it cannot tell.
 */
const BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  md: 'text/markdown',
  json: 'application/json',
  rtf: 'application/rtf',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  zip: 'application/zip',
};

/** Magic numbers of programs, whatever file-type says: ELF, PE ("MZ"), Mach-O (both byte orders, fat), scripts. */
const EXECUTABLE_MAGIC = [
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
  Buffer.from('MZ'),
  Buffer.from([0xfe, 0xed, 0xfa, 0xce]),
  Buffer.from([0xfe, 0xed, 0xfa, 0xcf]),
  Buffer.from([0xce, 0xfa, 0xed, 0xfe]),
  Buffer.from([0xcf, 0xfa, 0xed, 0xfe]),
  Buffer.from([0xca, 0xfe, 0xba, 0xbe]),
  Buffer.from('#!'),
];

/**
 * Markup a browser would run, anywhere in the head of a file whose bytes say it is something else: a PNG or a PDF
 * with a page inside (a polyglot). Plain text may quote a tag: it is served as text, never rendered.
 */
const ACTIVE_MARKUP = /<\s*(script|html|svg|iframe|object|embed|body|frameset)[\s>/]|<!doctype\s+html/i;

/** Markup that opens the file: text starting like this is a document a browser renders (XML may carry script). */
const MARKUP_START = /^(\ufeff|\s)*<(!doctype|html|head|body|script|svg|iframe|\?xml|!--)/i;

function isExecutable(head: Buffer): boolean {
  return EXECUTABLE_MAGIC.some((magic) => head.subarray(0, magic.length).equals(magic));
}

/** The head as a browser's sniffer reads it: UTF-16 with a BOM turned into text too, else byte per character. */
function headText(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return head.subarray(2).toString('utf16le');
  if (head[0] === 0xfe && head[1] === 0xff) return Buffer.from(head.subarray(2)).swap16().toString('utf16le');
  // Interleaved NULs (UTF-16 without a BOM) would hide a tag from the pattern.
  return head.toString('latin1').replaceAll('\u0000', '');
}

export interface SniffResult {
  contentType: string;
}

/**
 * Decides what a file is from its first bytes and its name, or refuses it (415 `file-type-refused`): web pages, SVG,
 * XML that carries markup or script, programs (ELF, PE, Mach-O, `#!` scripts), and any file whose bytes or name say
 * one of those, whichever of the two says it (a PNG with a page appended, HTML named .png, ELF named .pdf). The type
 * is the one the bytes say when file-type knows them, else the name's from a short allow-list, else
 * application/octet-stream: never the browser's word.
 */
export async function judgeFile(head: Buffer, name: string): Promise<SniffResult> {
  const refuse = () => new UnsupportedMediaTypeException(refusal('file-type-refused'));
  const extension = extensionOf(name);
  if (REFUSED_EXTENSIONS.has(extension)) throw refuse();
  if (isExecutable(head)) throw refuse();
  const sniffed = head.length > 0 ? await fileTypeFromBuffer(head) : undefined;
  if (sniffed && REFUSED_SNIFFED.has(sniffed.mime)) throw refuse();
  const text = headText(head);
  if (MARKUP_START.test(text)) throw refuse();
  if (sniffed && ACTIVE_MARKUP.test(text)) throw refuse();
  if (sniffed && sniffed.mime !== 'application/xml') return { contentType: sniffed.mime };
  return { contentType: BY_EXTENSION[extension] ?? 'application/octet-stream' };
}
