/** UTF-8 byte-order mark: spreadsheet programs then read Arabic text correctly. */
export const BOM = '\uFEFF';

/**
 * One CSV cell. A cell that a spreadsheet would read as a formula (starting with = + - @ or a tab/CR) is prefixed
 * with an apostrophe so it stays text (CSV injection); every cell is quoted.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
