// CSV for the audit export (RFC 4180), safe to open in a spreadsheet: a cell that a spreadsheet would
// read as a formula (starting with = + - @, a tab or a carriage return) is prefixed with ' so it stays
// text (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  // A number is never a formula: -5 stays a number a spreadsheet can sum.
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(escapeCsvCell).join(',')}\r\n`;
}
