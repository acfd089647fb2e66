import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers, proved on the tree itself: lib/clinical holds pure rules (no I/O, no database, nothing
// from the rest of lib/), anything may use it; lib/, db/ and scripts/ never import app/.

const root = process.cwd();
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
// Import and export statements (possibly over several lines), side-effect imports, and import().
const SPECS = [/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*(['"])([^'"\n]+)\1/gm, /^\s*import\s*(['"])([^'"\n]+)\1/gm, /\bimport\(\s*(['"])([^'"\n]+)\1\s*\)/g];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : SOURCE.test(name) ? [p] : [];
  });
}

/** Each import of a file: the package name, or the repo-relative path it resolves to. */
function importsOf(file: string, src = readFileSync(file, 'utf8')): { spec: string; target: string }[] {
  return SPECS.flatMap((re) => [...src.matchAll(re)]).map((m) => {
    const spec = m[2] as string;
    if (spec.startsWith('@/')) return { spec, target: spec.slice(2) };
    if (spec.startsWith('.')) return { spec, target: path.relative(root, path.resolve(path.dirname(file), spec)) };
    return { spec, target: `package:${spec}` };
  });
}

// What pure rules may use besides each other: schema validation only.
const CLINICAL_PACKAGES = new Set(['package:zod']);

describe('architecture', () => {
  const clinical = filesUnder(path.join(root, 'lib/clinical'));

  it('finds the clinical rules (the scan itself works)', () => {
    expect(clinical.map((f) => path.relative(root, f))).toEqual(expect.arrayContaining(['lib/clinical/breath-tests/interpret.ts', 'lib/clinical/interpretation.ts', 'lib/clinical/sources.ts']));
  });

  /** Imports of a clinical file that leave lib/clinical (other than zod). */
  const outsideClinical = (file: string, src?: string) =>
    importsOf(file, src)
      .filter(({ target }) => !(target === 'lib/clinical' || target.startsWith('lib/clinical/') || CLINICAL_PACKAGES.has(target)))
      .map(({ spec }) => `${path.relative(root, file)} imports ${spec}`);

  it('lib/clinical imports nothing but itself and zod: no database, no server-only, no Node I/O, no other lib/', () => {
    expect(clinical.flatMap((file) => outsideClinical(file))).toEqual([]);
  });

  it('would catch a rule that reaches out (database, server-only, Node I/O, a data-layer module, up by a relative path)', () => {
    const file = path.join(root, 'lib/clinical/breath-tests/example.ts');
    const src = [
      "import { getDb } from '@/db/client';",
      "import 'server-only';",
      "import { readFileSync } from 'node:fs';",
      "import { recordResult } from '../../results/mutations';",
      "import { Finding } from '../interpretation';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(outsideClinical(file, src).sort()).toEqual([
      'lib/clinical/breath-tests/example.ts imports ../../results/mutations',
      'lib/clinical/breath-tests/example.ts imports @/db/client',
      'lib/clinical/breath-tests/example.ts imports node:fs',
      'lib/clinical/breath-tests/example.ts imports server-only',
    ]);
  });

  it('no module of lib/, db/ or scripts/ imports app/', () => {
    const upward = ['lib', 'db', 'scripts'].flatMap((dir) =>
      filesUnder(path.join(root, dir)).flatMap((file) =>
        importsOf(file)
          .filter(({ target }) => target === 'app' || target.startsWith('app/'))
          .map(({ spec }) => `${path.relative(root, file)} imports ${spec}`),
      ),
    );
    expect(upward).toEqual([]);
  });

  // Every link goes through lib/ui/link.tsx, which turns Next's prefetching off: a prefetch of a page
  // rendered per request costs the server a render for each link in view (docs/PERFORMANCE.md).
  const nextLinkImports = (file: string, src?: string) =>
    importsOf(file, src)
      .filter(({ target }) => target === 'package:next/link')
      .map(({ spec }) => `${path.relative(root, file)} imports ${spec}`);

  it('only lib/ui/link.tsx imports next/link', () => {
    const files = ['app', 'lib'].flatMap((dir) => filesUnder(path.join(root, dir)));
    expect(files.map((f) => path.relative(root, f))).toContain('lib/ui/link.tsx');
    expect(files.filter((f) => path.relative(root, f) !== 'lib/ui/link.tsx').flatMap((file) => nextLinkImports(file))).toEqual([]);
  });

  it('would catch a page that imports next/link itself', () => {
    const file = path.join(root, 'app/(clinician)/example/page.tsx');
    expect(nextLinkImports(file, "import Link from 'next/link';\nimport { Link as L } from '@/lib/ui/link';")).toEqual(['app/(clinician)/example/page.tsx imports next/link']);
  });
});
