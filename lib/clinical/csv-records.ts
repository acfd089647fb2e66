// Reading CSV files labs and devices export (breath-test readings, microbiome taxa): RFC 4180 records, the
// delimiter found from a recognisable header, numbers with a decimal comma where the delimiter allows it.
// Pure; each parser (lib/clinical/<kind>/csv.ts) owns its headers and rules.

export interface CsvError {
  /** 1-based line number in the file (0 only when the file has no lines at all). */
  row: number;
  /** The column header as written in the file, or null for row/file-level problems. */
  column: string | null;
  message: string;
}

export const MAX_CSV_ERRORS = 20;

export type Delimiter = ',' | ';' | '\t';

export interface RawRecord {
  /** 1-based file line where the record starts. */
  row: number;
  cells: string[];
}

/** RFC 4180-style split: quoted fields (with "" escapes and embedded newlines), CRLF/LF/CR line ends. */
export function splitRecords(text: string, delimiter: Delimiter): RawRecord[] {
  const records: RawRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordStart = 1;
  const endRecord = () => {
    cells.push(cell);
    records.push({ row: recordStart, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text.charAt(i + 1) !== '\n')) line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
      endRecord();
      line++;
      recordStart = line;
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

export const isBlank = (r: RawRecord) => r.cells.every((c) => c.trim() === '');

export function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ch) n++;
  }
  return n;
}

/**
 * Picks the delimiter whose split gives a recognisable header within the first rows; failing that, the
 * one most frequent on the first non-blank line (so the missing-column error names what was seen).
 */
export function detectDelimiter(text: string, headerScore: (r: RawRecord) => number, searchRows: number): { delimiter: Delimiter; records: RawRecord[]; headerAt: number } {
  let best: { delimiter: Delimiter; records: RawRecord[]; headerAt: number; score: number } | null = null;
  for (const delimiter of ['\t', ';', ','] as const) {
    const records = splitRecords(text, delimiter);
    const nonBlank = records.map((r, i) => ({ r, i })).filter(({ r }) => !isBlank(r)).slice(0, searchRows);
    for (const { r, i } of nonBlank) {
      const score = headerScore(r);
      if (score >= 2 && (!best || score > best.score)) best = { delimiter, records, headerAt: i, score };
      if (score >= 2) break;
    }
  }
  if (best) return best;
  const firstLine = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = (['\t', ';', ','] as const).reduce<Delimiter>(
    (acc, d) => (countOutsideQuotes(firstLine, d) > countOutsideQuotes(firstLine, acc) ? d : acc),
    ',',
  );
  const records = splitRecords(text, delimiter);
  return { delimiter, records, headerAt: Math.max(0, records.findIndex((r) => !isBlank(r))) };
}

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

export function parseNumber(raw: string, delimiter: Delimiter): Parsed {
  const s = raw.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { ok: true, value: Number(s) };
  // Decimal comma: only where the comma cannot be the delimiter (semicolon/tab files from European locales).
  if (/^[+-]?\d+,\d+$/.test(s)) {
    if (delimiter !== ',') return { ok: true, value: Number(s.replace(',', '.')) };
    return { ok: false, message: `"${s}" is not a number (use a point for decimals in a comma-separated file)` };
  }
  return { ok: false, message: `"${s}" is not a number` };
}
