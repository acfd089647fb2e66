import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CONDITION_GROUPS, findConditionGroup, ICD10CM_SYSTEM, likePatternsFor, shortConditionLabel, type ConditionGroup } from '@/lib/clinical/conditions/catalog';

// Every ICD-10-CM code named in ../shared/DOMAIN.md §5.1 (Diagnoses), categories included.
const DOMAIN_5_1_CODES = new Set([
  'L70.0',
  'L71', 'L71.0', 'L71.1', 'L71.8', 'L71.9',
  'L20', 'L20.9',
  'L40', 'L40.0',
  'L50', 'L50.8', 'L50.1',
  'K63.82', 'K63.821', 'K63.8211', 'K63.8212', 'K63.8219',
  'B96.81',
]);

// ICD-10-CM: a letter, two digits (category), then optionally a dot and 1–4 further characters.
const ICD10CM_CODE = /^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/;

/** What Postgres `code LIKE pattern` does, for patterns without escapes. */
function sqlLike(value: string, pattern: string): boolean {
  const re = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${re}$`, 's').test(value);
}
const matchesGroup = (code: string, group: ConditionGroup) => likePatternsFor(group).some((p) => sqlLike(code, p));

const group = (key: string): ConditionGroup => {
  const g = findConditionGroup(key);
  if (!g) throw new Error(`no group ${key}`);
  return g;
};

describe('CONDITION_GROUPS', () => {
  it('uses the FHIR ICD-10-CM system URI', () => {
    expect(ICD10CM_SYSTEM).toBe('http://hl7.org/fhir/sid/icd-10-cm');
  });

  it('holds the seven co-managed conditions, keyed for URLs', () => {
    expect(CONDITION_GROUPS.map((g) => g.key)).toEqual(['acne', 'rosacea', 'atopic-dermatitis', 'psoriasis', 'urticaria', 'sibo', 'h-pylori']);
    for (const g of CONDITION_GROUPS) {
      expect(g.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(g.label.trim()).not.toBe('');
    }
  });

  it('keys and labels are unique', () => {
    expect(new Set(CONDITION_GROUPS.map((g) => g.key)).size).toBe(CONDITION_GROUPS.length);
    expect(new Set(CONDITION_GROUPS.map((g) => g.label)).size).toBe(CONDITION_GROUPS.length);
  });

  it('every group has at least one code and one match rule', () => {
    for (const g of CONDITION_GROUPS) {
      expect(g.codes.length, g.key).toBeGreaterThan(0);
      expect(g.match.length, g.key).toBeGreaterThan(0);
    }
  });

  it.each(CONDITION_GROUPS.flatMap((g) => g.codes.map((c) => [g.key, c.code, c.display] as const)))('%s: %s is a well-formed ICD-10-CM code with a display', (_key, code, display) => {
    expect(code).toMatch(ICD10CM_CODE);
    expect(display.trim()).not.toBe('');
  });

  it('match rules are a well-formed code, or a code prefix ending in a single trailing *', () => {
    for (const g of CONDITION_GROUPS) {
      for (const m of g.match) {
        const stem = m.endsWith('*') ? m.slice(0, -1) : m;
        expect(stem, `${g.key}: ${m}`).toMatch(ICD10CM_CODE);
        expect(stem).not.toContain('*');
      }
    }
  });

  it('no code appears twice in the catalog', () => {
    const codes = CONDITION_GROUPS.flatMap((g) => g.codes.map((c) => c.code));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('every code comes from DOMAIN.md §5.1', () => {
    for (const g of CONDITION_GROUPS) {
      for (const c of g.codes) expect(DOMAIN_5_1_CODES.has(c.code), `${g.key}: ${c.code}`).toBe(true);
    }
  });

  it('every match rule is a §5.1 code or the parent category of one (acne: L70 is the parent of L70.0)', () => {
    const domain = [...DOMAIN_5_1_CODES];
    for (const g of CONDITION_GROUPS) {
      for (const m of g.match) {
        const stem = m.replace(/\*$/, '');
        expect(domain.some((code) => code === stem || code.startsWith(stem)), `${g.key}: ${m}`).toBe(true);
      }
    }
  });

  it('SIBO uses only the billable subtypes, never the non-billable K63.821 itself', () => {
    const codes = group('sibo').codes.map((c) => c.code);
    expect(codes.sort()).toEqual(['K63.8211', 'K63.8212', 'K63.8219']);
    expect(codes).not.toContain('K63.821');
  });

  it('chronic urticaria is coded L50.8 (with L50.1 idiopathic), H. pylori as the etiology code B96.81', () => {
    expect(group('urticaria').codes.map((c) => c.code)).toEqual(['L50.8', 'L50.1']);
    expect(group('h-pylori').codes.map((c) => c.code)).toEqual(['B96.81']);
    expect(group('acne').codes.map((c) => c.code)).toEqual(['L70.0']);
    expect(group('psoriasis').codes.map((c) => c.code)).toEqual(['L40.0']);
    expect(group('atopic-dermatitis').codes.map((c) => c.code)).toEqual(['L20.9']);
  });

  it('each group’s match rules cover all of its own codes and none of another group’s', () => {
    for (const g of CONDITION_GROUPS) {
      for (const other of CONDITION_GROUPS) {
        for (const c of other.codes) expect(matchesGroup(c.code, g), `${g.key} vs ${c.code}`).toBe(g === other);
      }
    }
  });
});

describe('findConditionGroup', () => {
  it('finds each group by its key', () => {
    for (const g of CONDITION_GROUPS) expect(findConditionGroup(g.key)).toBe(g);
    expect(findConditionGroup('atopic-dermatitis')?.label).toBe('Atopic dermatitis');
  });

  it('is exact: no label, no case folding, no code, no prefix', () => {
    for (const k of ['Acne', 'ACNE', 'Rosacea', 'L70.0', 'acn', 'acne ', '', 'toString', '__proto__']) expect(findConditionGroup(k)).toBeUndefined();
  });
});

describe('likePatternsFor', () => {
  it('turns a category wildcard into a LIKE prefix and leaves exact codes alone', () => {
    expect(likePatternsFor(group('acne'))).toEqual(['L70%']);
    expect(likePatternsFor(group('sibo'))).toEqual(['K63.821%']);
    expect(likePatternsFor(group('h-pylori'))).toEqual(['B96.81']);
  });

  it('maps each rule in order, only replacing a trailing *', () => {
    const g: ConditionGroup = { key: 'x', label: 'X', match: ['A01*', 'B02.3', 'C03.4*'], codes: [] };
    expect(likePatternsFor(g)).toEqual(['A01%', 'B02.3', 'C03.4%']);
  });

  it('does not mutate the group', () => {
    const g = group('rosacea');
    const before = [...g.match];
    likePatternsFor(g);
    expect(g.match).toEqual(before);
  });

  it('category patterns match the other codes of the category, exact ones do not widen', () => {
    expect(matchesGroup('L70.1', group('acne'))).toBe(true);
    expect(matchesGroup('L71.0', group('rosacea'))).toBe(true);
    expect(matchesGroup('L72.0', group('acne'))).toBe(false);
    expect(matchesGroup('B96.81', group('h-pylori'))).toBe(true);
    expect(matchesGroup('B96.8', group('h-pylori'))).toBe(false);
    expect(matchesGroup('B96.810', group('h-pylori'))).toBe(false);
    expect(matchesGroup('K29.70', group('h-pylori'))).toBe(false);
  });

  it('property: a pattern from a * rule matches exactly the codes starting with the stem', () => {
    const codeArb = fc
      .tuple(fc.constantFrom('K', 'L', 'B'), fc.integer({ min: 0, max: 99 }), fc.option(fc.string({ unit: fc.constantFrom('0', '1', '2', '8', '9'), minLength: 1, maxLength: 4 })))
      .map(([letter, n, tail]) => `${letter}${String(n).padStart(2, '0')}${tail ? `.${tail}` : ''}`);
    fc.assert(
      fc.property(codeArb, fc.constantFrom(...CONDITION_GROUPS), (code, g) => {
        const expected = g.match.some((m) => (m.endsWith('*') ? code.startsWith(m.slice(0, -1)) : code === m));
        expect(matchesGroup(code, g)).toBe(expected);
      }),
    );
  });
});

describe('shortConditionLabel', () => {
  it('uses the catalogue short form for every catalogued code', () => {
    for (const group of CONDITION_GROUPS) for (const c of group.codes) expect(shortConditionLabel(c.code, c.display)).toBe(c.short);
    expect(shortConditionLabel('K63.8211', 'Small intestinal bacterial overgrowth, hydrogen-subtype')).toBe('SIBO, hydrogen');
    expect(shortConditionLabel('B96.81', 'Helicobacter pylori as the cause of diseases classified elsewhere')).toBe('H. pylori');
  });

  it("reads an uncatalogued code in a known category as the group's label", () => {
    expect(shortConditionLabel('L70.1', 'Acne conglobata')).toBe('Acne');
    expect(shortConditionLabel('L40.50', 'Arthropathic psoriasis, unspecified')).toBe('Psoriasis');
  });

  it('shortens anything else to the display before its first comma, cut at a word', () => {
    expect(shortConditionLabel('E11.9', 'Type 2 diabetes mellitus without complications')).toBe('Type 2 diabetes mellitus without…');
    expect(shortConditionLabel('J45.909', 'Unspecified asthma, uncomplicated')).toBe('Unspecified asthma');
    expect(shortConditionLabel('X1', '   ')).toBe('X1');
    for (const label of ['a'.repeat(100), 'word '.repeat(30)]) expect(shortConditionLabel('Z00', label).length).toBeLessThanOrEqual(33);
  });
});
