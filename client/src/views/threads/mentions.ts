/**
 * Mentions are `<@userId>` in the message source (what the server parses). People type and read `@Name`, so the
 * composer shows names and swaps them for ids on send; the names it knows are the ones picked from suggestions.
 */
export type MentionMap = Map<string, string>; // display name → user id

const MENTION = /<@([0-9a-f-]{36})>/gi;

export function toSource(text: string, mentions: MentionMap): string {
  let source = text;
  // Longest names first, so "@Ana Maria" is not taken for "@Ana".
  for (const [name, id] of [...mentions].sort((a, b) => b[0].length - a[0].length)) {
    source = source.split(`@${name}`).join(`<@${id}>`);
  }
  return source;
}

/** For editing: the stored source with ids shown as names again (and those names remembered for saving). */
export function toEditable(
  source: string,
  nameOf: (id: string) => string | undefined,
): { text: string; mentions: MentionMap } {
  const mentions: MentionMap = new Map();
  const text = source.replace(MENTION, (whole, id: string) => {
    const name = nameOf(id.toLowerCase());
    if (!name) return whole;
    mentions.set(name, id.toLowerCase());
    return `@${name}`;
  });
  return { text, mentions };
}

/** The `@query` being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const found = /(^|\s)@([^\s@<>]{0,30})$/.exec(text.slice(0, caret));
  if (!found) return null;
  return { start: caret - found[2].length - 1, query: found[2] };
}
