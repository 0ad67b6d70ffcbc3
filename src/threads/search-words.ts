/** At most this many words of a query are searched: each is a few index lookups, and all must match. */
export const MAX_SEARCH_WORDS = 8;

/**
 * The words of what a person typed, for tansiq_search_query: runs of letters and digits, marks (tashkeel) and tatweel
 * dropped first so a vowelled word stays one word. Everything else only separates words, so nothing typed reaches
 * PostgreSQL as query syntax. Repeats are searched once.
 */
export function searchWords(text: string): string[] {
  const bare = text.normalize('NFC').replace(/[\p{M}\u0640]/gu, '');
  const words = bare.match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((word) => word.toLowerCase()))].slice(0, MAX_SEARCH_WORDS);
}
