/** The words a new action item takes from its source: pure, so a unit test covers them. */

const TITLE_MAX = 120;

/** The first line of a text, cut at a word to fit a title. */
export function titleFrom(text: string): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? '';
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A text quoted as a plain-text reply quotes it, with who said it. */
export function quote(text: string, author: string | null): string {
  const quoted = text
    .trim()
    .split('\n')
    .map((line) => (line.trim() ? `> ${line}` : '>'))
    .join('\n');
  return author ? `${quoted}\n— ${author}` : quoted;
}
