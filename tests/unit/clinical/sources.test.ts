import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLINICAL_SOURCES, citationsFor } from '@/lib/clinical/sources';

// Every source a rule stores must read as a citation: a key written in lib/ that is not catalogued
// would reach the screen as "Source: NAC-T4" again.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every string literal assigned to a `source` field or a *_SOURCE(S) constant in lib/. */
function declaredSources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const file of sourceFiles(path.join(process.cwd(), 'lib'))) {
    if (file.endsWith(path.join('clinical', 'sources.ts'))) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:source|SOURCE_[A-Z_]+|[A-Z_]+_SOURCE)\s*[:=]\s*'([^']+)'/g)) out.push({ file: path.relative(process.cwd(), file), text: m[1] as string });
    for (const m of text.matchAll(/\bsource:\s*`([^`]+)`/g)) out.push({ file: path.relative(process.cwd(), file), text: (m[1] as string).replace(/\$\{[^}]+\}/g, '') });
  }
  return out;
}

describe('clinical sources', () => {
  it('finds the sources the rules declare (the scan itself works)', () => {
    const texts = declaredSources().map((s) => s.text);
    expect(texts.length).toBeGreaterThan(40);
    expect(texts).toContain('NAC-T4');
  });

  it('catalogues every key a rule in lib/ stores', () => {
    const missing = declaredSources().flatMap(({ file, text }) =>
      text
        .split(/[;,]/)
        .map((k) => k.trim())
        .filter((k) => k && !CLINICAL_SOURCES[k])
        .map((k) => `${file}: ${k}`),
    );
    expect(missing).toEqual([]);
  });

  it('shows citations a clinician can read, with a link for every published source', () => {
    for (const [key, c] of Object.entries(CLINICAL_SOURCES)) {
      expect(c.label, key).not.toMatch(/domain brief|DOMAIN\.md|§/);
      expect(c.label, key).not.toBe(key);
      if (c.url) expect(c.url, key).toMatch(/^https?:\/\//);
    }
    expect(citationsFor('NAC-T4')).toEqual([{ label: 'North American Consensus 2017 (Rezaie et al.), table 4: interpretation', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5418558/table/tbl4' }]);
  });

  it('splits on commas and semicolons, drops repeats, and keeps unknown text as it is', () => {
    expect(citationsFor('NAC-T1; ACG-SIBO, NAC-T1').map((c) => c.label)).toEqual([CLINICAL_SOURCES['NAC-T1']?.label, CLINICAL_SOURCES['ACG-SIBO']?.label]);
    expect(citationsFor('Lab Y reference range')).toEqual([{ label: 'Lab Y reference range' }]);
    expect(citationsFor('')).toEqual([]);
    expect(citationsFor(null)).toEqual([]);
  });
});
