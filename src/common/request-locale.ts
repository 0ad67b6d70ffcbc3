import type { Locale } from '../users/entities/user.entity';

/** What of a request decides its language: the header, and the signed-in user's setting when there is one. */
export interface LocaleSource {
  headers: Record<string, string | string[] | undefined>;
  user?: { locale?: Locale } | null;
}

const SUPPORTED: readonly Locale[] = ['en', 'ar'];

/**
 * The first supported language of an Accept-Language header by preference (`ar-EG;q=0.9, en;q=0.8` → `ar`), or
 * null when it names none of ours. A `*` or a missing header decides nothing.
 */
export function acceptedLocale(header: string | string[] | undefined): Locale | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return null;
  const ranked = value
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        primary: tag.trim().toLowerCase().split('-')[0],
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return (ranked.find((entry) => (SUPPORTED as string[]).includes(entry.primary))?.primary as Locale) ?? null;
}

/**
 * The language the server answers a request in: what the request asks for (the web client sends the language it
 * shows), else the signed-in user's setting, else English.
 */
export function requestLocale(request: LocaleSource): Locale {
  return acceptedLocale(request.headers['accept-language']) ?? request.user?.locale ?? 'en';
}
