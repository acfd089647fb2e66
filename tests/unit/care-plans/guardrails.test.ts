import fc from 'fast-check';
import { CLINICAL_SOURCES, citationsFor } from '@/lib/clinical/sources';
import { describe, expect, it } from 'vitest';
import { INTERVENTION_KINDS } from '../../../db/schema/enum-values';
import { cautionCodes, checkInterventionGuardrails, unacknowledgedCautions, type GuardrailInput } from '../../../lib/care-plans/guardrails';

// The evidence guardrails of DOMAIN.md §6 (probiotic strains) and §7 (detox cleanses, juice fasts,
// temporary elimination): each rule at and around its edge, then properties over arbitrary text.

const codes = (input: GuardrailInput) => checkInterventionGuardrails(input).map((f) => f.code);
const FULL_PROBIOTIC = { genus: 'Lacticaseibacillus', species: 'rhamnosus', strain: 'GG', frequency: 'daily' };

describe('non-evidence-based patterns', () => {
  it.each([
    ['Detox cleanse', ['detox-cleanse']],
    ['7-day DETOX programme', ['detox-cleanse']],
    ['Detoxification tea', ['detox-cleanse']],
    ['Liver cleanse', ['detox-cleanse']],
    ['Weekly cleanse', ['detox-cleanse']],
    ['Green juice fast', ['juice-fast']],
    ['Juice-cleanse weekend', ['detox-cleanse', 'juice-fast']],
    ['Juicing protocol', ['juice-fast']],
    ['Turmeric cures all inflammation', ['cure-all-claim']],
    ['Miracle skin supplement', ['cure-all-claim']],
    ['A cure-all tonic', ['cure-all-claim']],
    ['Detox juice fast, a miracle', ['detox-cleanse', 'juice-fast', 'cure-all-claim']],
  ])('%s', (title, expected) => {
    expect(codes({ kind: 'lifestyle', title, details: { description: 'as discussed' } })).toEqual(expected);
  });

  it('looks in the details too, not only the title', () => {
    expect(codes({ kind: 'supplement', title: 'Herbal tea', details: { name: 'Detox blend', dose: '1 cup' } })).toEqual(['detox-cleanse']);
    expect(codes({ kind: 'diet', title: 'Diet', details: { phase: 'other', foods: ['celery juice fast'] } })).toEqual(['juice-fast']);
  });

  it.each(['Detoxified water? no', 'Mediterranean diet', 'Fruit juice with breakfast', 'Curcumin', 'Curing ham is not food advice', 'Gentle cleanser twice daily'])('does not fire on ordinary wording: %s', (title) => {
    // 'detoxified' is a detox word: the first case is the only one that fires.
    const found = codes({ kind: 'topical', title, details: { drug: title, dose: 'thin layer', frequency: 'daily' } });
    expect(found).toEqual(title.startsWith('Detox') ? ['detox-cleanse'] : []);
  });

  it('a skin cleanser is not a cleanse, but a named cleanse is caught even as a topical', () => {
    expect(codes({ kind: 'topical', title: 'Cleanse face with a gentle wash', details: {} })).toEqual([]);
    expect(codes({ kind: 'topical', title: 'Colon cleanse', details: {} })).toEqual(['detox-cleanse']);
    expect(codes({ kind: 'lifestyle', title: 'Cleanse', details: {} })).toEqual(['detox-cleanse']);
  });

  it('every finding says why and cites catalogued sources, never an internal document', () => {
    const findings = [
      ...checkInterventionGuardrails({ kind: 'probiotic', title: 'Miracle detox juice fast', details: {} }),
      ...checkInterventionGuardrails({ kind: 'diet', title: 'Dairy-free', details: { phase: 'elimination', foods: ['milk'] } }),
    ];
    expect(findings.map((f) => f.code)).toContain('elimination-without-reintroduction');
    for (const f of findings) {
      expect(f.message.length).toBeGreaterThan(40);
      const keys = f.source.split(/[;,]/).map((k) => k.trim());
      for (const key of keys) expect(CLINICAL_SOURCES[key], `${f.code}: ${key}`).toBeDefined();
      expect(citationsFor(f.source).map((c) => c.label).join(' ')).not.toMatch(/domain brief|DOMAIN|§/);
    }
  });
});

describe('interventions resting on a microbiome report (DOMAIN.md §8.4)', () => {
  it('cautions a diet, supplement, probiotic or medication that cites a microbiome report, dysbiosis or 16S results', () => {
    expect(codes({ kind: 'probiotic', title: 'Akkermansia for low diversity on microbiome report', details: FULL_PROBIOTIC })).toEqual(['microbiome-report-basis']);
    expect(codes({ kind: 'supplement', title: 'Butyrate', details: { name: 'Sodium butyrate', dose: '600 mg', frequency: 'For dysbiosis on the stool test' } })).toContain('microbiome-report-basis');
    expect(codes({ kind: 'medication', title: 'Rifaximin', details: { drug: 'Rifaximin', dose: '550 mg', frequency: 'tds, per 16S result' } })).toContain('microbiome-report-basis');
    expect(codes({ kind: 'diet', title: 'Low FODMAP to rebalance gut flora', details: { phase: 'maintenance', foods: [] } })).toContain('microbiome-report-basis');
  });
  it('not for a plan without those words, nor for a referral or a procedure that mentions them', () => {
    expect(codes({ kind: 'supplement', title: 'Vitamin D', details: { name: 'Vitamin D3', dose: '1000 IU' } })).not.toContain('microbiome-report-basis');
    expect(codes({ kind: 'referral', title: 'Gastroenterology: discuss microbiome report', details: { description: 'Patient asks about it.' } })).toEqual([]);
  });
  it('is a caution: it blocks until acknowledged, and cites the consensus', () => {
    const findings = checkInterventionGuardrails({ kind: 'probiotic', title: 'For dysbiosis', details: FULL_PROBIOTIC });
    expect(findings).toMatchObject([{ severity: 'caution', source: 'PORCARI, NEXUS' }]);
    expect(unacknowledgedCautions(findings, [])).toHaveLength(1);
    expect(unacknowledgedCautions(findings, ['microbiome-report-basis'])).toEqual([]);
  });
});

describe('probiotic strain (DOMAIN.md §6)', () => {
  it('cautions unless genus, species and strain are all named', () => {
    expect(codes({ kind: 'probiotic', title: 'LGG', details: FULL_PROBIOTIC })).toEqual([]);
    for (const missing of ['genus', 'species', 'strain'] as const) {
      expect(codes({ kind: 'probiotic', title: 'Probiotic', details: { ...FULL_PROBIOTIC, [missing]: '  ' } }), missing).toEqual(['probiotic-strain-missing']);
    }
    expect(codes({ kind: 'probiotic', title: 'Any probiotic', details: {} })).toEqual(['probiotic-strain-missing']);
    expect(codes({ kind: 'probiotic', title: 'Any probiotic' })).toEqual(['probiotic-strain-missing']);
  });

  it('only for probiotics', () => {
    expect(codes({ kind: 'supplement', title: 'Zinc', details: { name: 'Zinc', dose: '15 mg' } })).toEqual([]);
  });
});

describe('elimination diets (DOMAIN.md §7: elimination is temporary)', () => {
  it('flags an elimination phase without a reintroduction date; the flag does not block', () => {
    const findings = checkInterventionGuardrails({ kind: 'diet', title: 'Gluten-free', details: { phase: 'elimination', foods: ['gluten'] } });
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['elimination-without-reintroduction', 'flag']]);
    expect(cautionCodes(findings)).toEqual([]);
    expect(unacknowledgedCautions(findings, [])).toEqual([]);
  });

  it('a planned reintroduction date, or another phase, clears the flag', () => {
    expect(codes({ kind: 'diet', title: 'Gluten-free', details: { phase: 'elimination', foods: ['gluten'], reintroductionDate: '2026-03-01' } })).toEqual([]);
    expect(codes({ kind: 'diet', title: 'Dairy back', details: { phase: 'reintroduction', foods: ['dairy'] } })).toEqual([]);
    expect(codes({ kind: 'diet', title: 'Dairy-free', details: { phase: 'elimination', reintroductionDate: '' } })).toEqual(['elimination-without-reintroduction']);
  });
});

describe('dairy exclusions (DOMAIN.md §10.2)', () => {
  it('flag a calcium and vitamin D review, by any name for dairy, without blocking', () => {
    for (const food of ['dairy', "Cow's milk", 'yoghurt', 'whey protein']) {
      const findings = checkInterventionGuardrails({ kind: 'diet', title: 'Trial', details: { phase: 'elimination', foods: [food], reintroductionDate: '2026-03-01' } });
      expect(findings.map((f) => [f.code, f.severity]), food).toEqual([['dairy-calcium-vitamin-d', 'flag']]);
      expect(findings[0]?.message).toMatch(/review calcium and vitamin D/);
    }
  });
  it('not for other foods, nor when dairy is coming back', () => {
    expect(codes({ kind: 'diet', title: 'Trial', details: { phase: 'elimination', foods: ['gluten', 'eggplant'], reintroductionDate: '2026-03-01' } })).toEqual([]);
    expect(codes({ kind: 'diet', title: 'Dairy back', details: { phase: 'reintroduction', foods: ['dairy'] } })).toEqual([]);
  });
});

describe('acknowledgement', () => {
  it('a caution stays unacknowledged until its own code is acknowledged', () => {
    const findings = checkInterventionGuardrails({ kind: 'probiotic', title: 'Detox probiotic', details: {} });
    expect(unacknowledgedCautions(findings, []).map((f) => f.code)).toEqual(['detox-cleanse', 'probiotic-strain-missing']);
    expect(unacknowledgedCautions(findings, ['detox-cleanse']).map((f) => f.code)).toEqual(['probiotic-strain-missing']);
    expect(unacknowledgedCautions(findings, ['detox-cleanse', 'probiotic-strain-missing'])).toEqual([]);
  });
});

// Properties: the rules hold for any surrounding text, in any letter case.
const randomCase = (word: string) => fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) => [...word].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''));
const words = fc.string({ maxLength: 30 });
const kinds = fc.constantFrom(...INTERVENTION_KINDS);

describe('properties', () => {
  it('any title containing the word "detox", in any case, triggers the detox caution', () => {
    fc.assert(
      fc.property(words, randomCase('detox'), words, kinds, (before, word, after, kind) => {
        expect(codes({ kind, title: `${before} ${word} ${after}`, details: {} })).toContain('detox-cleanse');
      }),
    );
  });

  it('"juice fast" and "cures all" trigger in any case, anywhere in the details', () => {
    fc.assert(
      fc.property(words, fc.constantFrom('juice fast', 'juice-fast', 'cures all', 'miracle'), words, (before, phrase, after) => {
        const found = codes({ kind: 'lifestyle', title: 'Plan', details: { description: `${before} ${phrase.toUpperCase()} ${after}` } });
        expect(found.some((c) => c === 'juice-fast' || c === 'cure-all-claim')).toBe(true);
      }),
    );
  });

  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .-]{0,20}$/);

  it('a fully specified probiotic never triggers the strain caution', () => {
    fc.assert(
      fc.property(name, name, name, words, (genus, species, strain, title) => {
        expect(codes({ kind: 'probiotic', title, details: { genus, species, strain, frequency: 'daily' } })).not.toContain('probiotic-strain-missing');
      }),
    );
  });

  it('a probiotic missing any of genus, species or strain always triggers it', () => {
    fc.assert(
      fc.property(name, name, name, fc.constantFrom('genus', 'species', 'strain'), fc.constantFrom('', '   ', undefined), (genus, species, strain, missing, blank) => {
        const details: Record<string, unknown> = { genus, species, strain, [missing]: blank };
        expect(codes({ kind: 'probiotic', title: 'Probiotic', details })).toContain('probiotic-strain-missing');
      }),
    );
  });

  it('an elimination diet is flagged exactly when it has no reintroduction date', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 5 }), fc.option(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))), (foods, date) => {
        const found = codes({ kind: 'diet', title: 'Elimination', details: { phase: 'elimination', foods, reintroductionDate: date ?? undefined } });
        expect(found.includes('elimination-without-reintroduction')).toBe(date === null);
      }),
    );
  });

  it('never throws on arbitrary details', () => {
    fc.assert(
      fc.property(kinds, fc.string(), fc.jsonValue(), (kind, title, details) => {
        const findings = checkInterventionGuardrails({ kind, title, details: details && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : {} });
        expect(new Set(findings.map((f) => f.code)).size).toBe(findings.length);
      }),
    );
  });
});
