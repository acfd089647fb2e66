// Reads the taxa table of a microbiome report from the CSV the lab provides (a name column and a relative
// abundance column, in percent or as a fraction, as the header says). Strict about values: any problem rejects
// the whole file, so a table is never imported half-right. What the taxa mean is not judged here: the report
// stays research-grade (DOMAIN.md §8.4), and stoolTestInputSchema applies its own rules (the F/B ratio refusal).
import { MAX_CSV_ERRORS, detectDelimiter, isBlank, parseNumber, type CsvError, type RawRecord } from '@/lib/clinical/csv-records';

/** The most taxa one report keeps (stoolTestInputSchema). */
export const MAX_TAXA = 200;
const HEADER_SEARCH_ROWS = 10;

export type ParseTaxaCsvResult = { ok: true; taxa: { name: string; relativeAbundance: number }[]; scale: 'percent' | 'fraction' } | { ok: false; errors: CsvError[] };

const words = (header: string) =>
  header
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
const NAME_HEADERS = new Set(['taxon', 'taxa', 'taxon name', 'name', 'organism', 'species', 'genus', 'bacteria', 'bacterium', 'taxonomy', 'scientific name', 'microorganism']);
/** Abundance header: its words, and whether it states a fraction (0–1) rather than percent. */
function abundanceHeader(header: string): { fraction: boolean } | null {
  const w = words(header);
  if (!/\b(abundance|percent|percentage|proportion|fraction|relative|rel)\b|%/.test(w)) return null;
  return { fraction: /\b(proportion|fraction)\b/.test(w) && !/%|percent/.test(w) };
}
const at = (row: number, column: string | null, message: string): CsvError => ({ row, column, message: `${row > 0 ? `Row ${row}${column ? `, column "${column}"` : ''}: ` : ''}${message}` });
const isNameHeader = (header: string) => NAME_HEADERS.has(words(header));
const headerScore = (r: RawRecord) => (r.cells.some(isNameHeader) ? 1 : 0) + (r.cells.some((c) => abundanceHeader(c) !== null) ? 1 : 0);

export function parseTaxaCsv(text: string): ParseTaxaCsvResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, errors: [{ row: 0, column: null, message: 'The file is empty.' }] };
  const { delimiter, records, headerAt } = detectDelimiter(body, headerScore, HEADER_SEARCH_ROWS);
  const header = records[headerAt];
  const nameAt = header?.cells.findIndex(isNameHeader) ?? -1;
  const abundanceAt = header?.cells.findIndex((c) => abundanceHeader(c) !== null) ?? -1;
  if (!header || nameAt < 0 || abundanceAt < 0) {
    const seen = header ? header.cells.map((c) => `"${c.trim()}"`).join(', ') : 'nothing';
    return {
      ok: false,
      errors: [at(header?.row ?? 1, null, `no taxon and relative abundance columns were found (the row reads ${seen}). Name them e.g. "Taxon" and "Relative abundance (%)".`)],
    };
  }
  const fraction = abundanceHeader(header.cells[abundanceAt] ?? '')?.fraction ?? false;
  const abundanceColumn = (header.cells[abundanceAt] ?? '').trim();
  const nameColumn = (header.cells[nameAt] ?? '').trim();
  const errors: CsvError[] = [];
  const taxa: { name: string; relativeAbundance: number }[] = [];
  const rows = records.slice(headerAt + 1).filter((r) => !isBlank(r));
  for (const r of rows) {
    const name = (r.cells[nameAt] ?? '').trim();
    const raw = (r.cells[abundanceAt] ?? '').trim().replace(/\s*%$/, '');
    if (name === '') errors.push(at(r.row, nameColumn, 'the taxon name is empty.'));
    const parsed = parseNumber(raw, delimiter);
    if (!parsed.ok) {
      errors.push(at(r.row, abundanceColumn, raw === '' ? 'the relative abundance is empty.' : `${parsed.message}.`));
      continue;
    }
    const percent = fraction ? parsed.value * 100 : parsed.value;
    if (fraction && (parsed.value < 0 || parsed.value > 1)) errors.push(at(r.row, abundanceColumn, `${parsed.value} is not a fraction between 0 and 1, as the column header says.`));
    else if (percent < 0 || percent > 100) errors.push(at(r.row, abundanceColumn, `${parsed.value}% is outside 0–100%.`));
    else if (name !== '') taxa.push({ name, relativeAbundance: Math.round(percent * 10000) / 10000 });
  }
  if (errors.length === 0 && taxa.length === 0) errors.push(at(header.row, null, 'the file has a header but no taxa under it.'));
  if (errors.length === 0 && taxa.length > MAX_TAXA) errors.push(at(0, null, `The file lists ${taxa.length} taxa; a report keeps at most ${MAX_TAXA}. Keep the most abundant ones.`));
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_CSV_ERRORS) };
  return { ok: true, taxa, scale: fraction ? 'fraction' : 'percent' };
}
