// Reads breath-test readings from an analyser or lab CSV export. Tolerant of the shapes these files come
// in (delimiter, decimal comma, header wording, units row, BOM, CRLF); strict about values: any problem
// rejects the whole file, so nothing is imported half-right. Range and baseline rules are left to
// breathTestInputSchema, which the caller applies next; time order is checked here because only the
// parser knows the file row to point at.
import { MAX_CSV_ERRORS, detectDelimiter, isBlank, parseNumber, type CsvError, type Delimiter, type Parsed, type RawRecord } from '@/lib/clinical/csv-records';
import type { BreathTestReading } from './schema';

export { MAX_CSV_ERRORS, type CsvError };

export type Reading = BreathTestReading;


export type ParseBreathTestCsvResult = { ok: true; readings: Reading[]; warnings: string[] } | { ok: false; errors: CsvError[] };

const HEADER_SEARCH_ROWS = 10;

type Field = 'minute' | 'h2' | 'ch4' | 'h2s';

const FIELD_NAMES: Record<Field, string> = {
  minute: 'time in minutes',
  h2: 'hydrogen (H2)',
  ch4: 'methane (CH4)',
  h2s: 'hydrogen sulfide (H2S)',
};

// Header words after normalising (lower case, units in brackets dropped, punctuation to spaces).
const HEADER_SYNONYMS: Record<Field, readonly string[]> = {
  minute: ['time', 'minute', 'minutes', 'min', 'mins', 't', 'time min', 'time mins', 'time minutes', 'sample time', 'timepoint', 'time point', 'elapsed', 'elapsed time'],
  h2: ['h2', 'hydrogen', 'hydrogen h2', 'h2 hydrogen'],
  ch4: ['ch4', 'methane', 'methane ch4', 'ch4 methane'],
  h2s: ['h2s', 'hydrogen sulfide', 'hydrogen sulphide', 'hydrogen sulfide sulphide', 'hydrogen sulphide sulfide', 'hydrogen sulfide h2s', 'hydrogen sulphide h2s', 'h2s hydrogen sulfide', 'h2s hydrogen sulphide'],
};
// Trailing words read as a unit ("H2 ppm", "Time in minutes"); ppb/hours are read so they can be refused.
const UNIT_WORDS = new Set(['ppm', 'ppb', 'min', 'mins', 'minute', 'minutes', 'hour', 'hours', 'hr', 'hrs', 'in']);
const TIME_UNITS = new Set(['', 'min', 'mins', 'minute', 'minutes', 'm', 'h:mm', 'hh:mm', 'h:mm:ss', 'hh:mm:ss']);
const GAS_UNITS = new Set(['', 'ppm']);


interface Column {
  field: Field;
  index: number;
  header: string;
}

// --- Low-level CSV -------------------------------------------------------------------------------



// --- Headers -------------------------------------------------------------------------------------

// Bracketed text that is a unit ("(ppm)", "[min]"); other bracketed text ("(H2)", "(corrected)") is ignored.
const BRACKET_UNIT = /^(ppm|ppb|%|vol %|m|min|mins|minutes?|h|hr|hrs|hours?|s|sec|secs|seconds?|h:mm|hh:mm|hh:mm:ss)$/;

/** Splits "H2 (ppm)" into words "h2" and unit "ppm". */
function normaliseHeader(header: string): { words: string; unit: string } {
  const lower = header.toLowerCase().replace(/₂/g, '2').replace(/₄/g, '4').trim();
  const units = [...lower.matchAll(/[([]([^)\]]*)[)\]]/g)]
    .map((m) => (m[1] ?? '').trim().replace(/\.$/, ''))
    .filter((u) => BRACKET_UNIT.test(u));
  const words = lower
    .replace(/[([][^)\]]*[)\]]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return { words, unit: units.join(' ') };
}

function matchHeader(header: string): { field: Field; unit: string } | null {
  const { words, unit } = normaliseHeader(header);
  if (words === '') return null;
  const tokens = words.split(' ');
  // "H2 ppm", "Time min": trailing unit words count as the unit.
  const trailing: string[] = [];
  while (tokens.length > 1 && UNIT_WORDS.has(tokens[tokens.length - 1] ?? '')) trailing.unshift(tokens.pop() ?? '');
  const candidates = [words, tokens.join(' ')];
  for (const field of Object.keys(HEADER_SYNONYMS) as Field[]) {
    for (const candidate of candidates) {
      if (HEADER_SYNONYMS[field].includes(candidate)) {
        const unitFromWords = candidate === words ? '' : trailing.filter((t) => t !== 'in').join(' ');
        return { field, unit: [unit, unitFromWords].filter(Boolean).join(' ') };
      }
    }
  }
  return null;
}

const headerScore = (r: RawRecord) => new Set(r.cells.map((c) => matchHeader(c)?.field).filter(Boolean)).size;



// --- Values --------------------------------------------------------------------------------------



/** Minutes from "15", "15.0", "00:15" or "1:30" (h:mm); seconds allowed only as ":00". */
function parseMinute(raw: string, delimiter: Delimiter): Parsed {
  const s = raw.trim();
  const hm = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (hm) {
    const hours = Number(hm[1]);
    const minutes = Number(hm[2]);
    const seconds = hm[3] === undefined ? 0 : Number(hm[3]);
    if (minutes >= 60 || seconds >= 60) return { ok: false, message: `"${s}" is not a valid h:mm time` };
    if (seconds !== 0) return { ok: false, message: `"${s}" is not a whole number of minutes` };
    return { ok: true, value: hours * 60 + minutes };
  }
  const n = parseNumber(s, delimiter);
  if (!n.ok) return { ok: false, message: `"${s}" is not a time in minutes (use e.g. 15 or 0:15)` };
  if (!Number.isInteger(n.value)) return { ok: false, message: `"${s}" is not a whole number of minutes` };
  if (n.value < 0) return { ok: false, message: `"${s}" is negative; times are minutes after the substrate (0 = baseline)` };
  return n;
}

/** A units row: every recognised cell is empty or a unit such as "min", "(ppm)", "[ppm]", "h:mm". */
function unitsRow(record: RawRecord, columns: Column[]): Map<Column, string> | null {
  const units = new Map<Column, string>();
  let seen = 0;
  for (const col of columns) {
    const cell = (record.cells[col.index] ?? '').trim();
    const unit = cell.toLowerCase().replace(/^[([]\s*|\s*[)\]]$/g, '');
    if (cell === '') continue;
    if (!/^[a-z:%µ ]+$/.test(unit)) return null;
    units.set(col, unit);
    seen++;
  }
  return seen > 0 ? units : null;
}

// --- Entry point ---------------------------------------------------------------------------------

const cellLabel = (row: number, header: string) => `Row ${row}, column "${header}"`;

/**
 * Parses a CSV/TSV of breath readings. Rows come back in file order with minutes strictly increasing;
 * h2s is present only when the file has an H2S column (null for an empty cell).
 */
export function parseBreathTestCsv(text: string): ParseBreathTestCsvResult {
  const errors: CsvError[] = [];
  const warnings: string[] = [];
  const fail = (): ParseBreathTestCsvResult => {
    if (errors.length <= MAX_CSV_ERRORS) return { ok: false, errors };
    const shown = errors.slice(0, MAX_CSV_ERRORS);
    const more = errors.length - MAX_CSV_ERRORS;
    const next = errors[MAX_CSV_ERRORS];
    shown.push({ row: next?.row ?? 0, column: null, message: `…and ${more} more problem${more === 1 ? '' : 's'}; fix these and import again to see the rest.` });
    return { ok: false, errors: shown };
  };

  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    return {
      ok: false,
      errors: [{ row: body === '' ? 0 : 1, column: null, message: 'The file is empty: expected a header row such as "Minutes, H2 (ppm), CH4 (ppm)" and one row per breath sample.' }],
    };
  }

  const { delimiter, records, headerAt } = detectDelimiter(body, headerScore, HEADER_SEARCH_ROWS);
  const header = records[headerAt];
  if (!header) return { ok: false, errors: [{ row: 1, column: null, message: 'The file has no header row.' }] };
  const skippedBefore = records.slice(0, headerAt).filter((r) => !isBlank(r));
  if (skippedBefore.length > 0) {
    const rows = skippedBefore.map((r) => r.row);
    warnings.push(`Ignored ${rows.length === 1 ? `row ${rows[0]}` : `rows ${rows[0]}–${rows[rows.length - 1]}`} above the header.`);
  }

  // Map header cells to fields.
  const columns: Column[] = [];
  header.cells.forEach((rawHeader, index) => {
    const headerText = rawHeader.trim();
    if (headerText === '') return;
    const match = matchHeader(headerText);
    if (!match) {
      warnings.push(`Column "${headerText}" was not recognised and was ignored.`);
      return;
    }
    const dup = columns.find((c) => c.field === match.field);
    if (dup) {
      errors.push({ row: header.row, column: headerText, message: `Row ${header.row}, column "${headerText}": both "${dup.header}" and "${headerText}" look like ${FIELD_NAMES[match.field]}; keep only one.` });
      return;
    }
    const unit = match.unit.trim();
    const allowed = match.field === 'minute' ? TIME_UNITS : GAS_UNITS;
    if (!allowed.has(unit)) {
      errors.push({
        row: header.row,
        column: headerText,
        message: `Row ${header.row}, column "${headerText}": unit "${unit}" is not supported; ${match.field === 'minute' ? 'time must be in minutes' : 'gases must be in ppm'}.`,
      });
    }
    columns.push({ field: match.field, index, header: headerText });
  });
  for (const field of ['minute', 'h2', 'ch4'] as const) {
    if (!columns.some((c) => c.field === field)) {
      const seen = header.cells.map((c) => c.trim()).filter(Boolean);
      errors.push({
        row: header.row,
        column: null,
        message: `Missing column for ${FIELD_NAMES[field]}: expected a header like ${field === 'minute' ? '"Minutes" or "Time (min)"' : field === 'h2' ? '"H2 (ppm)" or "Hydrogen"' : '"CH4 (ppm)" or "Methane"'}; found ${seen.length ? seen.map((s) => `"${s}"`).join(', ') : 'no headers'}.`,
      });
    }
  }
  if (errors.length > 0) return fail();

  const hasH2s = columns.some((c) => c.field === 'h2s');
  let dataRecords = records.slice(headerAt + 1).filter((r) => !isBlank(r));

  // Optional units row right after the header.
  const first = dataRecords[0];
  const units = first ? unitsRow(first, columns) : null;
  if (first && units) {
    for (const [col, unit] of units) {
      const allowed = col.field === 'minute' ? TIME_UNITS : GAS_UNITS;
      if (!allowed.has(unit)) {
        errors.push({
          row: first.row,
          column: col.header,
          message: `${cellLabel(first.row, col.header)}: unit "${unit}" is not supported; ${col.field === 'minute' ? 'time must be in minutes' : 'gases must be in ppm'}.`,
        });
      }
    }
    dataRecords = dataRecords.slice(1);
  }

  // Cells beyond the named columns: ignored, but say so once per column if they hold anything.
  const named = new Set(header.cells.map((c, i) => (c.trim() === '' ? -1 : i)).filter((i) => i >= 0));
  const unnamedWithData = new Set<number>();
  for (const r of dataRecords) r.cells.forEach((c, i) => !named.has(i) && c.trim() !== '' && unnamedWithData.add(i));
  for (const i of [...unnamedWithData].sort((a, b) => a - b)) warnings.push(`Column ${i + 1} has values but no header; they were ignored.`);

  const readings: Reading[] = [];
  let previous: { minute: number; row: number } | null = null;
  for (const record of dataRecords) {
    const values: Partial<Record<Field, number | null>> = {};
    const known = columns.map((c) => (record.cells[c.index] ?? '').trim());
    if (known.every((v) => v === '')) {
      warnings.push(`Row ${record.row} has no time or gas values and was skipped.`);
      continue;
    }
    let rowOk = true;
    for (const col of columns) {
      const raw = (record.cells[col.index] ?? '').trim();
      if (raw === '') {
        if (col.field === 'h2s') {
          values.h2s = null;
          continue;
        }
        errors.push({ row: record.row, column: col.header, message: `${cellLabel(record.row, col.header)}: ${col.field === 'minute' ? 'the time' : `the ${FIELD_NAMES[col.field]} value`} is empty.` });
        rowOk = false;
        continue;
      }
      const parsed = col.field === 'minute' ? parseMinute(raw, delimiter) : parseNumber(raw, delimiter);
      if (!parsed.ok) {
        errors.push({ row: record.row, column: col.header, message: `${cellLabel(record.row, col.header)}: ${parsed.message}` });
        rowOk = false;
        continue;
      }
      values[col.field] = parsed.value;
    }
    const minute = values.minute;
    const minuteCol = columns.find((c) => c.field === 'minute');
    if (typeof minute === 'number' && minuteCol) {
      if (previous && minute <= previous.minute) {
        errors.push({
          row: record.row,
          column: minuteCol.header,
          message:
            minute === previous.minute
              ? `${cellLabel(record.row, minuteCol.header)}: ${minute} min repeats row ${previous.row}; each time may appear once.`
              : `${cellLabel(record.row, minuteCol.header)}: ${minute} min comes after ${previous.minute} min (row ${previous.row}); times must increase down the file.`,
        });
        rowOk = false;
      }
      previous = { minute, row: record.row };
    }
    if (!rowOk || errors.length > 0) continue;
    const { h2, ch4, h2s } = values;
    if (typeof minute !== 'number' || typeof h2 !== 'number' || typeof ch4 !== 'number') continue;
    readings.push(hasH2s ? { minute, h2, ch4, h2s: h2s ?? null } : { minute, h2, ch4 });
  }

  if (errors.length > 0) return fail();
  if (readings.length === 0) {
    return { ok: false, errors: [{ row: header.row, column: null, message: 'The file has a header but no readings below it.' }] };
  }
  return { ok: true, readings, warnings };
}
