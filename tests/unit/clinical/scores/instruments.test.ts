import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Band,
  type Instrument,
  INSTRUMENT_IDS,
  INSTRUMENTS,
  bandFor,
  getInstrument,
  inBand,
  isInstrumentId,
  scoreValueProblem,
} from '@/lib/clinical/scores/instruments';

const ALL: Instrument[] = INSTRUMENT_IDS.map((id) => getInstrument(id));

// Source keys listed in DOMAIN.md "Sources (keys)" for §4.
const DOMAIN_KEYS = new Set([
  'PASI-CDS', 'PASI-AU', 'EASI', 'SCORAD-F', 'SCORAD-B', 'AD-TAB', 'VIGA', 'USDERM', 'ACNE',
  'UAS-GP', 'UAS-CALC', 'NOV', 'DLQI', 'POEM', 'GSRS-ORIG', 'GSRS-R', 'GSRS-V', 'BSFS',
]);
const keysOf = (source: string) => source.split(', ');

function bandSets(i: Instrument): { name: string; bands: readonly Band[]; source: string }[] {
  const sets = [{ name: 'primary', bands: i.bands, source: i.source }];
  if (i.alternativeBands) sets.push({ name: 'alternative', ...i.alternativeBands });
  return sets;
}

const containing = (bands: readonly Band[], v: number) => bands.filter((b) => inBand(b, v));

describe('registry', () => {
  it('has one entry per id, keyed by its own id', () => {
    expect(Object.keys(INSTRUMENTS).sort()).toEqual([...INSTRUMENT_IDS].sort());
    for (const id of INSTRUMENT_IDS) expect(INSTRUMENTS[id].id).toBe(id);
  });

  it('recognises ids', () => {
    expect(isInstrumentId('easi')).toBe(true);
    expect(isInstrumentId('EASI')).toBe(false);
    expect(isInstrumentId('sasi')).toBe(false);
  });

  it('cites only DOMAIN.md source keys', () => {
    for (const i of ALL) {
      for (const set of bandSets(i)) for (const k of keysOf(set.source)) expect(DOMAIN_KEYS, `${i.id} ${k}`).toContain(k);
      for (const c of i.caveats ?? []) for (const k of keysOf(c.source)) expect(DOMAIN_KEYS).toContain(k);
    }
  });

  it('has no LOINC codes: DOMAIN.md §5.2 lists none for these instruments', () => {
    for (const i of ALL) expect(i.loinc).toBeNull();
  });

  it('marks only EASI, PASI, SCORAD and GSRS (mean) as decimal', () => {
    expect(ALL.filter((i) => !i.integerOnly).map((i) => i.id).sort()).toEqual(['easi', 'gsrs', 'pasi', 'scorad']);
    for (const i of ALL) if (i.integerOnly) expect(i.step).toBe(1);
  });

  it('has the ranges DOMAIN.md gives', () => {
    const ranges = Object.fromEntries(ALL.map((i) => [i.id, [i.min, i.max]]));
    expect(ranges).toEqual({
      pasi: [0, 72], easi: [0, 72], scorad: [0, 103], iga_ad: [0, 4], iga_acne: [0, 4],
      uas7: [0, 42], dlqi: [0, 30], poem: [0, 28], bristol: [1, 7], gsrs: [1, 7],
    });
  });

  it('orders severity: higher is worse except Bristol (both ends abnormal)', () => {
    for (const i of ALL) expect(i.higherIsWorse).toBe(i.id === 'bristol' ? null : true);
  });
});

describe.each(ALL.map((i) => [i.id, i] as const))('%s bands', (_id, instrument) => {
  const { min, max } = instrument;

  for (const set of bandSets(instrument)) {
    describe(`${set.name} band set`, () => {
      it('tiles [min, max]: starts at min, ends at max, each band starts where the last stopped', () => {
        const bands = set.bands;
        const first = bands[0];
        const last = bands[bands.length - 1];
        expect(first?.from).toBe(min);
        expect(first?.fromInclusive).toBe(true);
        expect(last?.to).toBe(max);
        expect(last?.toInclusive).toBe(true);
        for (const b of bands) {
          expect(b.from).toBeLessThanOrEqual(b.to);
          if (b.from === b.to) expect(b.fromInclusive && b.toInclusive).toBe(true);
        }
        for (let k = 1; k < bands.length; k++) {
          const prev = bands[k - 1];
          const next = bands[k];
          if (!prev || !next) throw new Error('unreachable');
          expect(next.from).toBe(prev.to);
          // Exactly one side owns the shared edge: no gap, no overlap.
          expect(next.fromInclusive).toBe(!prev.toInclusive);
        }
      });

      it('property: every real value in [min, max] is in exactly one band', () => {
        fc.assert(
          fc.property(fc.double({ min, max, noNaN: true }), (v) => containing(set.bands, v).length === 1),
          { numRuns: 500 },
        );
      });

      it('every band edge, at and just around it, is in exactly one band, the right one', () => {
        const eps = 1e-9;
        set.bands.forEach((b, k) => {
          for (const v of [b.from - eps, b.from, b.from + eps, b.to - eps, b.to, b.to + eps]) {
            if (v < min || v > max) continue;
            expect(containing(set.bands, v), `${v}`).toHaveLength(1);
          }
          // The edge value itself goes to the band that owns it.
          expect(containing(set.bands, b.to)[0]).toBe(b.toInclusive ? b : set.bands[k + 1]);
          expect(containing(set.bands, b.from)[0]).toBe(b.fromInclusive ? b : set.bands[k - 1]);
        });
      });

      it('nothing just outside [min, max] is in a band', () => {
        expect(containing(set.bands, min - 1e-9)).toHaveLength(0);
        expect(containing(set.bands, max + 1e-9)).toHaveLength(0);
      });
    });
  }

  it('bandFor accepts min and max and refuses just outside', () => {
    expect(bandFor(instrument.id, min)).not.toBeNull();
    expect(bandFor(instrument.id, max)).not.toBeNull();
    expect(scoreValueProblem(instrument.id, min)).toBeNull();
    expect(scoreValueProblem(instrument.id, max)).toBeNull();
    for (const v of [min - instrument.step, max + instrument.step, min - 1e-9, max + 1e-9, Number.NaN, Infinity, -Infinity]) {
      expect(bandFor(instrument.id, v), `${v}`).toBeNull();
      expect(scoreValueProblem(instrument.id, v)).toMatch(new RegExp(`^${instrument.label} must be`));
    }
  });

  it('property: bandFor returns the one containing band for valid values', () => {
    const values = instrument.integerOnly ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
    fc.assert(
      fc.property(values, (v) => {
        const band = bandFor(instrument.id, v);
        return band !== null && inBand(band, v) && containing(instrument.bands, v)[0] === band;
      }),
    );
  });

  if (instrument.integerOnly) {
    it('refuses non-integers', () => {
      expect(bandFor(instrument.id, min + 0.5)).toBeNull();
      expect(scoreValueProblem(instrument.id, min + 0.5)).toBe(`${instrument.label} is a whole number from ${min} to ${max}.`);
    });
  }
});

// The bands DOMAIN.md lists, value by value, at and around every listed edge.
const EXPECTED: Record<string, [number, string][]> = {
  pasi: [[0, 'mild'], [10, 'mild'], [10.01, 'moderate–severe'], [10.1, 'moderate–severe'], [72, 'moderate–severe']],
  easi: [
    [0, 'clear'], [0.01, 'almost clear'], [0.1, 'almost clear'], [1, 'almost clear'], [1.05, 'mild'], [1.1, 'mild'],
    [7, 'mild'], [7.05, 'moderate'], [7.1, 'moderate'], [12.4, 'moderate'], [21, 'moderate'], [21.05, 'severe'], [21.1, 'severe'],
    [50, 'severe'], [50.05, 'very severe'], [50.1, 'very severe'], [72, 'very severe'],
  ],
  scorad: [[0, 'mild'], [24.9, 'mild'], [24.99, 'mild'], [25, 'moderate'], [50, 'moderate'], [50.01, 'severe'], [50.1, 'severe'], [103, 'severe']],
  iga_ad: [[0, 'clear'], [1, 'almost clear'], [2, 'mild'], [3, 'moderate'], [4, 'severe']],
  iga_acne: [[0, 'clear'], [1, 'almost clear'], [2, 'mild'], [3, 'moderate'], [4, 'severe']],
  uas7: [[0, 'urticaria-free'], [1, 'well-controlled'], [6, 'well-controlled'], [7, 'mild'], [15, 'mild'], [16, 'moderate'], [27, 'moderate'], [28, 'severe'], [42, 'severe']],
  dlqi: [
    [0, 'no effect on the patient’s life'], [1, 'no effect on the patient’s life'], [2, 'small effect'], [5, 'small effect'],
    [6, 'moderate effect'], [10, 'moderate effect'], [11, 'very large effect'], [20, 'very large effect'],
    [21, 'extremely large effect'], [30, 'extremely large effect'],
  ],
  poem: [[0, 'clear or almost clear'], [2, 'clear or almost clear'], [3, 'mild'], [7, 'mild'], [8, 'moderate'], [16, 'moderate'], [17, 'severe'], [24, 'severe'], [25, 'very severe'], [28, 'very severe']],
  bristol: [[1, 'constipation'], [2, 'constipation'], [3, 'normal'], [4, 'normal'], [5, 'tending to diarrhoea'], [6, 'diarrhoea'], [7, 'diarrhoea']],
  gsrs: [[1, 'no validated severity bands'], [3.47, 'no validated severity bands'], [7, 'no validated severity bands']],
};

describe('bands match DOMAIN.md §4', () => {
  it('covers every instrument', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...INSTRUMENT_IDS].sort());
  });

  for (const id of INSTRUMENT_IDS) {
    it.each(EXPECTED[id] ?? [])(`${id} %s → %s`, (value, label) => {
      expect(bandFor(id, value)?.label).toBe(label);
    });
  }

  it.each([
    [0, 'clear'], [9.9, 'clear'], [9.95, 'clear'], [10, 'mild'], [28.9, 'mild'], [28.95, 'mild'], [29, 'moderate'],
    [48.9, 'moderate'], [48.95, 'moderate'], [49, 'severe'], [103, 'severe'],
  ])('SCORAD alternative bands (AD-TAB): %s → %s', (value, label) => {
    const alt = getInstrument('scorad').alternativeBands;
    if (!alt) throw new Error('SCORAD should carry its alternative bands');
    expect(bandFor('scorad', value, alt)?.label).toBe(label);
  });

  it('Bristol: 1–2 and 6–7 abnormal, 3–4 normal, 5 mild', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((t) => bandFor('bristol', t)?.severity)).toEqual([
      'abnormal', 'abnormal', 'normal', 'normal', 'mild', 'abnormal', 'abnormal',
    ]);
  });

  it('GSRS has no validated bands', () => {
    expect(getInstrument('gsrs').bands.map((b) => b.severity)).toEqual(['unbanded']);
  });
});
