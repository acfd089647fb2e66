import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLoadJs } from '../../../scripts/bench-first-load';

// A miniature Next 16 build directory with the three files firstLoadJs reads.
let dist: string;
const files: Record<string, string> = {
  'static/chunks/main.js': 'console.log("framework");'.repeat(40),
  'static/chunks/layout.js': 'export const layout = 1;'.repeat(30),
  'static/chunks/page.js': 'export const page = "caseload";'.repeat(50),
};
const gz = (name: string) => gzipSync(files[name] ?? '', { level: 9 }).length;

function write(relative: string, content: string) {
  const file = path.join(dist, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

beforeAll(() => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'axis-first-load-'));
  for (const [name, content] of Object.entries(files)) write(name, content);
  write('build-manifest.json', JSON.stringify({ rootMainFiles: ['static/chunks/main.js'] }));
  write(
    'server/app-paths-manifest.json',
    JSON.stringify({ '/(clinician)/patients/page': 'app/(clinician)/patients/page.js', '/api/auth/[...nextauth]/route': 'app/api/auth/[...nextauth]/route.js' }),
  );
  const manifest = {
    entryJSFiles: {
      '[project]/app/layout': ['static/chunks/main.js', 'static/chunks/layout.js'],
      '[project]/app/(clinician)/patients/page': ['/_next/static/chunks/layout.js', 'static/chunks/page.js'],
    },
  };
  write(
    'server/app/(clinician)/patients/page_client-reference-manifest.js',
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["/(clinician)/patients/page"] = ${JSON.stringify(manifest)};`,
  );
});

afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('firstLoadJs', () => {
  it('adds the root main files and every chunk of the route, each once, gzipped', () => {
    expect(firstLoadJs(dist)).toEqual([
      { route: '/patients', files: 3, gzipBytes: gz('static/chunks/main.js') + gz('static/chunks/layout.js') + gz('static/chunks/page.js') },
    ]);
  });

  it('leaves out route handlers, which send no JavaScript', () => {
    expect(firstLoadJs(dist).map((r) => r.route)).not.toContain('/api/auth/[...nextauth]');
  });
});
