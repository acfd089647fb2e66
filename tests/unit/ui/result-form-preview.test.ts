import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewBreathTest, previewFoodPanel, previewHPylori } from '../../../lib/ui/results/preview-engine';

// The result forms must reach the browser without zod and the interpretation rules (first-load JS
// under 200 kB, docs/PERFORMANCE.md): those arrive later through lib/ui/results/use-preview-engine.tsx.
// This walks the forms' static imports as the bundler does and fails if either comes back.

const root = path.resolve(__dirname, '../../..');
const formsDir = path.join(root, 'app/(clinician)/patients/[patientId]/results/forms');
const FORMS = ['breath-test-form.tsx', 'food-panel-form.tsx', 'h-pylori-form.tsx', 'score-form.tsx'].map((f) => path.join(formsDir, f));

function resolveModule(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/') ? path.join(root, specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

/** Every module and package the files pull in statically (type-only imports and import() excluded). */
function staticImports(entries: string[]): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (modules.has(file)) continue;
    modules.add(file);
    const source = readFileSync(file, 'utf8');
    // A server-action module reaches the browser as a reference, not as code.
    if (/^\s*['"]use server['"]/.test(source)) continue;
    const statements = source.match(/^(?:import|export)\s[^;]*?\sfrom\s+['"][^'"]+['"]|^import\s+['"][^'"]+['"]/gms) ?? [];
    for (const statement of statements) {
      if (/^(?:import|export)\s+type\s/.test(statement)) continue;
      const names = /\{([^}]*)\}/.exec(statement)?.[1];
      const hasDefaultOrNamespace = /^import\s+(?!\{)[\w*]/.test(statement);
      if (names !== undefined && !hasDefaultOrNamespace && names.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
      const specifier = /['"]([^'"]+)['"]\s*$/.exec(statement)?.[1] ?? '';
      const resolved = resolveModule(file, specifier);
      if (resolved) queue.push(resolved);
      else packages.add(specifier);
    }
  }
  return { modules, packages };
}

describe('result entry forms, first load', () => {
  const { modules, packages } = staticImports(FORMS);
  const relative = [...modules].map((m) => path.relative(root, m));

  it('walks the forms and what they import (the check itself works)', () => {
    expect(relative).toContain('lib/clinical/breath-tests/options.ts');
    expect(relative).toContain('lib/ui/results/use-preview-engine.tsx');
    expect(packages).toContain('react');
  });

  it('import neither zod nor the schemas and interpretation rules statically', () => {
    expect([...packages].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
    expect(relative.filter((m) => /lib\/clinical\/(breath-tests|food-panels|h-pylori)\/(schema|interpret|chart|csv)\.ts$|preview-engine\.ts$/.test(m))).toEqual([]);
  });

  it('load the preview engine with a dynamic import', () => {
    const hook = readFileSync(path.join(root, 'lib/ui/results/use-preview-engine.tsx'), 'utf8');
    expect(hook).toMatch(/import\(['"]\.\/preview-engine['"]\)/);
  });
});

describe('care plan page, first load', () => {
  // The plan page's forms are client components: they must not carry zod either (the protocol form once did,
  // through the reason labels in lib/reintroduction/schema.ts and the app shell's session policy, and put the page
  // at 210.6 kB).
  const planDir = path.join(root, 'app/(clinician)/patients/[patientId]/plan');
  const clientFiles = readdirSync(planDir)
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => path.join(planDir, f))
    .filter((f) => /^\s*['"]use client['"]/.test(readFileSync(f, 'utf8')));
  const { modules, packages } = staticImports(clientFiles);

  it('walks the plan page’s client components (the check itself works)', () => {
    expect(clientFiles.map((f) => path.basename(f))).toContain('protocol-form.tsx');
    expect([...modules].map((m) => path.relative(root, m))).toContain('lib/reintroduction/reasons.ts');
  });

  it('imports no zod statically', () => {
    expect([...packages].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
  });
});

describe('preview engine', () => {
  const breathTest = {
    effectiveDate: '2025-03-10',
    substrate: { kind: 'lactulose', doseGrams: 10 },
    preparation: {
      antibioticsWithin4Weeks: false,
      promotilityOrLaxativesWithin1Week: false,
      fermentableFoodsDayBefore: false,
      fasted8to12h: true,
      smokedOnTestDay: false,
      physicalActivityDuringTest: false,
      ppiUse: false,
    },
    readings: [
      { minute: 0, h2: 6, ch4: 2 },
      { minute: 15, h2: 8, ch4: 2 },
      { minute: 30, h2: 14, ch4: 3 },
      { minute: 45, h2: 22, ch4: 3 },
      { minute: 60, h2: 31, ch4: 3 },
      { minute: 90, h2: 48, ch4: 4 },
      { minute: 120, h2: 60, ch4: 4 },
    ],
  };

  it('previews nothing until the entry is complete and valid', () => {
    expect(previewBreathTest({ ...breathTest, readings: [] })).toBeNull();
    expect(previewFoodPanel({ effectiveDate: '2025-03-10' }, undefined)).toBeNull();
    expect(previewHPylori({ effectiveDate: 'not a date', method: 'stool_antigen', result: 'positive' })).toBeNull();
  });

  it('interprets a complete entry with the server rules', () => {
    const bt = previewBreathTest(breathTest);
    expect(bt?.interpretation.summary).toMatch(/Hydrogen rise consistent with SIBO/);
    expect(bt?.readings).toHaveLength(7);
    expect(bt?.thresholds.h2RisePpm).toBe(20);
    expect(previewHPylori({ effectiveDate: '2024-05-10', method: 'stool_antigen', result: 'negative' })?.summary).toBeTruthy();
  });
});

describe('previewProblems', () => {
  it('says what is still missing, in the form’s words, each once', async () => {
    const { previewProblems } = await import('../../../lib/ui/results/preview-engine');
    const problems = previewProblems('breath_test', { effectiveDate: '2025-03-10', substrate: { kind: 'lactulose', doseGrams: 10 }, preparation: {}, readings: [] });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(' ')).toMatch(/readings/i);
    expect(new Set(problems).size).toBe(problems.length);
    expect(previewProblems('h_pylori', { effectiveDate: '2024-05-10', method: 'stool_antigen', result: 'negative' })).toEqual([]);
    expect(previewProblems('food_panel', {}).length).toBeGreaterThan(0);
  });
});
