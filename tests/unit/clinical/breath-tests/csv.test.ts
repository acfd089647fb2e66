import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_CSV_ERRORS, parseBreathTestCsv, type ParseBreathTestCsvResult, type Reading } from '@/lib/clinical/breath-tests/csv';
import { breathTestInputSchema } from '@/lib/clinical/breath-tests/schema';

function ok(result: ParseBreathTestCsvResult): { readings: Reading[]; warnings: string[] } {
  if (!result.ok) throw new Error(`expected ok, got errors: ${result.errors.map((e) => e.message).join(' | ')}`);
  return result;
}

function errors(result: ParseBreathTestCsvResult) {
  if (result.ok) throw new Error('expected errors, got ok');
  return result.errors;
}

const BASIC = [
  { minute: 0, h2: 4, ch4: 2 },
  { minute: 15, h2: 12.5, ch4: 3 },
  { minute: 30, h2: 30, ch4: 11 },
];

describe('tolerated variations', () => {
  it('plain comma CSV', () => {
    expect(parseBreathTestCsv('Minutes,H2,CH4\n0,4,2\n15,12.5,3\n30,30,11\n')).toEqual({ ok: true, readings: BASIC, warnings: [] });
  });

  it.each([
    ['Time (min),H2 (ppm),CH4 (ppm)'],
    ['time (MIN), h2 (PPM) , ch4 (ppm)'],
    ['min,Hydrogen,Methane'],
    ['Time [min],Hydrogen (H2),Methane (CH4)'],
    ['Time in minutes,H₂ ppm,CH₄ ppm'],
    ['MINUTE,hydrogen (ppm),METHANE (ppm)'],
  ])('header variant %s', (header) => {
    expect(ok(parseBreathTestCsv(`${header}\n0,4,2\n15,12.5,3\n30,30,11\n`)).readings).toEqual(BASIC);
  });

  it('hydrogen sulfide / sulphide headers; empty H2S cell is null', () => {
    for (const h of ['H2S', 'H2S (ppm)', 'Hydrogen sulfide', 'Hydrogen sulphide (ppm)', 'Hydrogen sulfide/sulphide']) {
      const r = ok(parseBreathTestCsv(`Minutes,H2,CH4,${h}\n0,4,2,\n15,12.5,3,1.5\n`));
      expect(r.readings).toEqual([
        { minute: 0, h2: 4, ch4: 2, h2s: null },
        { minute: 15, h2: 12.5, ch4: 3, h2s: 1.5 },
      ]);
    }
  });

  it('without an H2S column the readings carry no h2s key', () => {
    const r = ok(parseBreathTestCsv('Minutes,H2,CH4\n0,4,2\n'));
    expect(r.readings[0]).not.toHaveProperty('h2s');
  });

  it('semicolon delimiter with decimal commas', () => {
    expect(ok(parseBreathTestCsv('Time (min);H2 (ppm);CH4 (ppm)\n0;4;2\n15;12,5;3\n30;30;11\n')).readings).toEqual(BASIC);
  });

  it('tab delimiter, with decimal commas or points', () => {
    expect(ok(parseBreathTestCsv('Minutes\tH2\tCH4\n0\t4\t2\n15\t12,5\t3\n30\t30.0\t11\n')).readings).toEqual(BASIC);
  });

  it('units row right after the header is skipped', () => {
    expect(ok(parseBreathTestCsv('Time,H2,CH4\nmin,ppm,ppm\n0,4,2\n15,12.5,3\n30,30,11\n')).readings).toEqual(BASIC);
    expect(ok(parseBreathTestCsv('Time;H2;CH4\n(min);(ppm);[ppm]\n0;4;2\n15;12,5;3\n30;30;11\n')).readings).toEqual(BASIC);
  });

  it('BOM, CRLF, blank lines, trailing empty columns and whitespace', () => {
    const text = '\uFEFFMinutes,H2,CH4,,\r\n\r\n 0 , 4 , 2 ,,\r\n15,12.5,3,,\r\n\r\n30,30,11,,\r\n\r\n';
    expect(parseBreathTestCsv(text)).toEqual({ ok: true, readings: BASIC, warnings: [] });
  });

  it('quoted fields, including a quoted decimal comma in a semicolon file and escaped quotes in an ignored column', () => {
    const text = '"Minutes";"H2 (ppm)";"CH4 (ppm)";"Comment"\n"0";"4";"2";"fasting; ""ok"""\n15;"12,5";3;\n30;30;11;"line one\nline two"\n';
    const r = ok(parseBreathTestCsv(text));
    expect(r.readings).toEqual(BASIC);
    expect(r.warnings).toEqual(['Column "Comment" was not recognised and was ignored.']);
  });

  it('extra unknown and unnamed columns are ignored with a warning', () => {
    const r = ok(parseBreathTestCsv('Sample,Minutes,H2,CH4,CO2 (%)\n1,0,4,2,5.1,x\n2,15,12.5,3,5.0\n3,30,30,11,4.9\n'));
    expect(r.readings).toEqual(BASIC);
    expect(r.warnings).toEqual([
      'Column "Sample" was not recognised and was ignored.',
      'Column "CO2 (%)" was not recognised and was ignored.',
      'Column 6 has values but no header; they were ignored.',
    ]);
  });

  it('times as h:mm or mm-with-seconds', () => {
    const r = ok(parseBreathTestCsv('Time,H2,CH4\n0:00,4,2\n00:15,12.5,3\n1:30,30,11\n2:00:00,31,12\n'));
    expect(r.readings.map((x) => x.minute)).toEqual([0, 15, 90, 120]);
  });

  it('whole-number decimals are accepted as minutes', () => {
    expect(ok(parseBreathTestCsv('Minutes;H2;CH4\n0,0;4;2\n15.0;5;2\n')).readings.map((x) => x.minute)).toEqual([0, 15]);
  });

  it('metadata lines above the header are skipped with a warning', () => {
    const r = ok(parseBreathTestCsv('Patient: 12345\nLactulose 10 g\n\nMinutes,H2,CH4\n0,4,2\n'));
    expect(r.readings).toEqual([{ minute: 0, h2: 4, ch4: 2 }]);
    expect(r.warnings).toEqual(['Ignored rows 1–2 above the header.']);
  });

  it('a row with only non-reading content is skipped with a warning', () => {
    const r = ok(parseBreathTestCsv('Minutes,H2,CH4,Note\n0,4,2,\n,,,analyser recalibrated\n15,5,2,\n'));
    expect(r.readings).toHaveLength(2);
    expect(r.warnings).toContain('Row 3 has no time or gas values and was skipped.');
  });

  it('the parsed readings then pass the input schema', () => {
    const { readings } = ok(parseBreathTestCsv('Minutes,H2,CH4\n0,4,2\n15,12.5,3\n30,30,11\n'));
    const parsed = breathTestInputSchema.safeParse({
      effectiveDate: '2024-03-18',
      substrate: { kind: 'glucose', doseGrams: 75 },
      preparation: {
        antibioticsWithin4Weeks: false,
        promotilityOrLaxativesWithin1Week: false,
        fermentableFoodsDayBefore: false,
        fasted8to12h: true,
        smokedOnTestDay: false,
        physicalActivityDuringTest: false,
        ppiUse: false,
      },
      readings,
    });
    expect(parsed.success).toBe(true);
  });
});

describe('errors name the row and the column as written', () => {
  it('non-numeric value', () => {
    expect(errors(parseBreathTestCsv('Minutes,H2 (ppm),CH4 (ppm)\n0,4,2\n15,5,2\n30,6,2\n45,7,abc\n'))).toEqual([
      { row: 5, column: 'CH4 (ppm)', message: 'Row 5, column "CH4 (ppm)": "abc" is not a number' },
    ]);
  });

  it('row numbers count blank lines, the BOM line and quoted line breaks as in the file', () => {
    const e = errors(parseBreathTestCsv('\uFEFFMinutes,H2,CH4,Note\r\n\r\n0,4,2,"two\nlines"\r\n15,x,2,\r\n'));
    expect(e).toEqual([{ row: 5, column: 'H2', message: 'Row 5, column "H2": "x" is not a number' }]);
  });

  it('decimal comma in a comma-separated file (quoted) is refused with a hint', () => {
    const [e] = errors(parseBreathTestCsv('Minutes,H2,CH4\n0,"4,5",2\n'));
    expect(e?.message).toBe('Row 2, column "H2": "4,5" is not a number (use a point for decimals in a comma-separated file)');
  });

  it('empty required cells', () => {
    expect(errors(parseBreathTestCsv('Minutes;H2;CH4\n0;4;\n;5;2\n'))).toEqual([
      { row: 2, column: 'CH4', message: 'Row 2, column "CH4": the methane (CH4) value is empty.' },
      { row: 3, column: 'Minutes', message: 'Row 3, column "Minutes": the time is empty.' },
    ]);
  });

  it('bad times', () => {
    const e = errors(parseBreathTestCsv('Time,H2,CH4\n0,4,2\n7.5,4,2\n0:75,4,2\n-5,4,2\nsoon,4,2\n'));
    expect(e.map((x) => x.message)).toEqual([
      'Row 3, column "Time": "7.5" is not a whole number of minutes',
      'Row 4, column "Time": "0:75" is not a valid h:mm time',
      'Row 5, column "Time": "-5" is negative; times are minutes after the substrate (0 = baseline)',
      'Row 6, column "Time": "soon" is not a time in minutes (use e.g. 15 or 0:15)',
    ]);
  });

  it('duplicate and decreasing minutes name both rows', () => {
    const e = errors(parseBreathTestCsv('Minutes,H2,CH4\n0,4,2\n15,5,2\n15,6,2\n10,6,2\n'));
    expect(e).toEqual([
      { row: 4, column: 'Minutes', message: 'Row 4, column "Minutes": 15 min repeats row 3; each time may appear once.' },
      { row: 5, column: 'Minutes', message: 'Row 5, column "Minutes": 10 min comes after 15 min (row 4); times must increase down the file.' },
    ]);
  });

  it('missing required columns are each named', () => {
    const e = errors(parseBreathTestCsv('Minutes,Hydrogen,CO2\n0,4,5\n'));
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ row: 1, column: null });
    expect(e[0]?.message).toContain('Missing column for methane (CH4)');
    expect(e[0]?.message).toContain('found "Minutes", "Hydrogen", "CO2"');
    const all = errors(parseBreathTestCsv('a,b,c\n1,2,3\n'));
    expect(all.map((x) => x.message.split(':')[0])).toEqual(['Missing column for time in minutes', 'Missing column for hydrogen (H2)', 'Missing column for methane (CH4)']);
  });

  it('two columns for the same gas', () => {
    const [e] = errors(parseBreathTestCsv('Minutes,H2,Hydrogen,CH4\n0,4,4,2\n'));
    expect(e?.message).toBe('Row 1, column "Hydrogen": both "H2" and "Hydrogen" look like hydrogen (H2); keep only one.');
  });

  it('units other than minutes and ppm are refused, in the header or the units row', () => {
    expect(errors(parseBreathTestCsv('Time (h),H2 (ppb),CH4\n0,4,2\n')).map((x) => x.message)).toEqual([
      'Row 1, column "Time (h)": unit "h" is not supported; time must be in minutes.',
      'Row 1, column "H2 (ppb)": unit "ppb" is not supported; gases must be in ppm.',
    ]);
    expect(errors(parseBreathTestCsv('Time,H2,CH4\nmin,ppb,ppm\n0,4,2\n'))).toEqual([
      { row: 2, column: 'H2', message: 'Row 2, column "H2": unit "ppb" is not supported; gases must be in ppm.' },
    ]);
  });

  it('empty file, whitespace-only file, header without readings', () => {
    expect(errors(parseBreathTestCsv(''))[0]?.message).toMatch(/^The file is empty/);
    expect(errors(parseBreathTestCsv('\uFEFF \r\n\r\n'))[0]?.message).toMatch(/^The file is empty/);
    expect(errors(parseBreathTestCsv('Minutes,H2,CH4\r\nmin,ppm,ppm\r\n'))).toEqual([{ row: 1, column: null, message: 'The file has a header but no readings below it.' }]);
  });

  it('nothing partial: one bad cell rejects the file, and all problems are reported up to the cap', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i * 5},x,2`).join('\n');
    const e = errors(parseBreathTestCsv(`Minutes,H2,CH4\n${rows}\n`));
    expect(e).toHaveLength(MAX_CSV_ERRORS + 1);
    expect(e[0]?.row).toBe(2);
    expect(e[MAX_CSV_ERRORS]?.message).toBe('…and 10 more problems; fix these and import again to see the rest.');
  });
});

// --- Round trip ----------------------------------------------------------------------------------

const HEADERS = {
  minute: ['Minutes', 'Time (min)', 'min', 'TIME', 'Time [min]', 'Time in minutes'],
  h2: ['H2', 'H2 (ppm)', 'Hydrogen', 'hydrogen (ppm)', 'H₂ ppm'],
  ch4: ['CH4', 'CH4 (ppm)', 'Methane', 'METHANE (PPM)'],
  h2s: ['H2S', 'H2S (ppm)', 'Hydrogen sulfide', 'Hydrogen sulphide (ppm)'],
} as const;

const tenths = fc.integer({ min: 0, max: 5000 });

const readingsArb = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), tenths, tenths, fc.option(tenths, { nil: null })), { minLength: 1, maxLength: 15 }))
  .map(([withH2s, rows]) => {
    let minute = -1;
    return rows.map(([gap, h2, ch4, h2s]): Reading => {
      minute = minute < 0 ? 0 : minute + gap;
      return withH2s ? { minute, h2: h2 / 10, ch4: ch4 / 10, h2s: h2s === null ? null : h2s / 10 } : { minute, h2: h2 / 10, ch4: ch4 / 10 };
    });
  });

const formatArb = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  decimalComma: fc.boolean(),
  unitsRow: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  hmm: fc.boolean(),
  trailingEmpty: fc.boolean(),
  blankLines: fc.boolean(),
  extraColumn: fc.boolean(),
  headers: fc.record({
    minute: fc.constantFrom(...HEADERS.minute),
    h2: fc.constantFrom(...HEADERS.h2),
    ch4: fc.constantFrom(...HEADERS.ch4),
    h2s: fc.constantFrom(...HEADERS.h2s),
  }),
});

type Format = typeof formatArb extends fc.Arbitrary<infer F> ? F : never;

function render(readings: Reading[], f: Format): string {
  const d = f.delimiter;
  const comma = f.decimalComma && d !== ',';
  const hasH2s = readings.some((r) => 'h2s' in r);
  const cell = (s: string) => (f.quoteAll || s.includes(d) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s);
  const num = (x: number) => (comma ? String(x).replace('.', ',') : String(x));
  const time = (m: number) => (f.hmm ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}` : String(m));
  const line = (cells: string[]) => [...cells, ...(f.trailingEmpty ? ['', ''] : [])].map(cell).join(d);
  const header = [f.headers.minute, f.headers.h2, f.headers.ch4, ...(hasH2s ? [f.headers.h2s] : []), ...(f.extraColumn ? ['Operator'] : [])];
  const lines = [line(header)];
  if (f.unitsRow) lines.push(line([f.hmm ? 'h:mm' : 'min', 'ppm', 'ppm', ...(hasH2s ? ['ppm'] : []), ...(f.extraColumn ? [''] : [])]));
  for (const r of readings) {
    const h2s = hasH2s ? [r.h2s == null ? '' : num(r.h2s)] : [];
    lines.push(line([time(r.minute), num(r.h2), num(r.ch4), ...h2s, ...(f.extraColumn ? ['AB'] : [])]));
    if (f.blankLines) lines.push('');
  }
  const nl = f.crlf ? '\r\n' : '\n';
  return (f.bom ? '\uFEFF' : '') + lines.join(nl) + nl;
}

describe('round trip', () => {
  it('render valid readings in any tolerated shape, parse back to the same values', () => {
    fc.assert(
      fc.property(readingsArb, formatArb, (readings, format) => {
        const result = parseBreathTestCsv(render(readings, format));
        expect(ok(result).readings).toEqual(readings);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '1', '2', '.', ',', ';', '\t', '\n', '\r', '"', ' ', ':', 'H', 'C', '4', 'm', 'i', 'n', '(', ')') }), (text) => {
        const r = parseBreathTestCsv(text);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          expect(r.errors.length).toBeLessThanOrEqual(MAX_CSV_ERRORS + 1);
        }
      }),
    );
  });
});
