import { describe, expect, it } from 'vitest';
import { MAX_TAXA, parseTaxaCsv } from '@/lib/clinical/stool-tests/csv';

// The microbiome taxa table as labs export it: delimiter, header wording, percent or fraction, quoting, BOM.

const ok = (text: string) => {
  const r = parseTaxaCsv(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r;
};
const refused = (text: string) => {
  const r = parseTaxaCsv(text);
  if (r.ok) throw new Error('expected a refusal');
  return r.errors.map((e) => e.message);
};

describe('microbiome taxa CSV', () => {
  it('reads a comma file with a percent header, quoted names and a BOM, after a metadata line', () => {
    const r = ok('\uFEFFGutMap Direct report 2026-04-24\nTaxon,Relative abundance (%)\n"Bacteroides",21.4\n"Clostridium cluster IV, unclassified",3.05\nAkkermansia muciniphila,0.3%\n');
    expect(r.scale).toBe('percent');
    expect(r.taxa).toEqual([
      { name: 'Bacteroides', relativeAbundance: 21.4 },
      { name: 'Clostridium cluster IV, unclassified', relativeAbundance: 3.05 },
      { name: 'Akkermansia muciniphila', relativeAbundance: 0.3 },
    ]);
  });

  it('converts a fraction column to percent, and reads semicolons with decimal commas', () => {
    expect(ok('Species;Proportion\nBacteroides;0,214\nBifidobacterium;0,011\n').taxa).toEqual([
      { name: 'Bacteroides', relativeAbundance: 21.4 },
      { name: 'Bifidobacterium', relativeAbundance: 1.1 },
    ]);
    expect(ok('Organism\tRelative abundance\nPrevotella\t12\n').taxa).toEqual([{ name: 'Prevotella', relativeAbundance: 12 }]);
  });

  it('refuses the whole file with each bad row named, never half of it', () => {
    const messages = refused('Taxon,Abundance %\nBacteroides,abc\n,4\nRoseburia,140\n');
    expect(messages).toEqual(['Row 2, column "Abundance %": "abc" is not a number.', 'Row 3, column "Taxon": the taxon name is empty.', 'Row 4, column "Abundance %": 140% is outside 0–100%.']);
    expect(refused('Taxon,Fraction\nBacteroides,21\n')).toEqual(['Row 2, column "Fraction": 21 is not a fraction between 0 and 1, as the column header says.']);
  });

  it('says which columns it needs, and refuses an empty table or one over the limit', () => {
    expect(refused('Sample,Reads\nA,10\n')[0]).toMatch(/no taxon and relative abundance columns were found \(the row reads "Sample", "Reads"\)/);
    expect(refused('')).toEqual(['The file is empty.']);
    expect(refused('Taxon,Abundance\n')).toEqual(['Row 1: the file has a header but no taxa under it.']);
    const many = ['Taxon,Abundance', ...Array.from({ length: MAX_TAXA + 1 }, (_, i) => `Taxon ${i},0.1`)].join('\n');
    expect(refused(many)).toEqual([`The file lists ${MAX_TAXA + 1} taxa; a report keeps at most ${MAX_TAXA}. Keep the most abundant ones.`]);
  });
});
