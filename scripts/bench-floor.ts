// The floor the bench compares Axis against (issue 21): a bare Next.js app of the same installed version,
// written into .next-floor/ (gitignored), built with `next build` and served with `next start`. Two pages,
// both rendered per request like Axis's pages (no static prerender, no cache):
//   /       an empty page: what Next itself costs per request;
//   /table  a server-rendered table of ?rows=N rows (default 20, the caseload's page) with the caseload's
//           columns: what rendering that much HTML costs in Next with no data access, no auth, no audit.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitUntilServing } from './bench-throughput';

const FLOOR_DIR = '.next-floor';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'axis-bench-floor', private: true, type: 'module' }, null, 2),
  'next.config.mjs': `export default { poweredByHeader: false };\n`,
  'app/layout.jsx': `export default function RootLayout({ children }) {
  return (<html lang="en"><body>{children}</body></html>);
}
`,
  'app/page.jsx': `import { connection } from 'next/server';
export default async function Empty() {
  await connection(); // per request, like every Axis page
  return <main />;
}
`,
  'app/table/page.jsx': `import { connection } from 'next/server';
const CONDITIONS = ['Rosacea', 'Atopic dermatitis', 'Acne vulgaris', 'Psoriasis', 'Chronic urticaria'];
const TEAM = ['E. Rivera (Derm)', 'N. Patel (Nutr)', 'K. Sato (GI)'];
export default async function Table({ searchParams }) {
  await connection();
  const { rows: asked } = await searchParams;
  const count = Math.min(500, Math.max(1, Number(asked) || 20));
  const rows = Array.from({ length: count }, (_, i) => ({
    id: 'p' + i,
    name: 'Family' + i + ', Given' + i,
    mrn: 'AX-' + String(100000 + i),
    age: 20 + (i % 50),
    sex: i % 2 ? 'female' : 'male',
    conditions: CONDITIONS.slice(0, 1 + (i % 3)),
    team: TEAM.slice(0, 2 + (i % 2)),
    last: new Date(Date.UTC(2026, 10, 1 + (i % 28))).toISOString().slice(0, 10),
    review: i % 4,
  }));
  return (
    <main>
      <h1>Patients</h1>
      <table>
        <thead><tr><th>Patient</th><th>MRN</th><th>Age / sex</th><th>Conditions</th><th>Care team</th><th>Last activity</th><th>To review</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td><a href={'/patients/' + r.id}>{r.name}</a></td>
              <td>{r.mrn}</td>
              <td>{r.age} · {r.sex}</td>
              <td>{r.conditions.map((c) => <span key={c}>{c}</span>)}</td>
              <td>{r.team.map((t) => <span key={t}>{t}</span>)}</td>
              <td>{r.last}</td>
              <td>{r.review}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
`,
};

/** Writes the floor app (if its sources changed) and builds it; returns its directory. */
export function buildFloorApp(root: string): string {
  const dir = path.join(root, FLOOR_DIR);
  let changed = false;
  for (const [file, text] of Object.entries(FILES)) {
    const target = path.join(dir, file);
    if (existsSync(target) && readFileSync(target, 'utf8') === text) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    changed = true;
  }
  if (!changed && existsSync(path.join(dir, '.next', 'BUILD_ID'))) return dir;
  console.log('Building the bare Next.js floor app…');
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const result = spawnSync(process.execPath, [nextBin, 'build', dir], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error('next build of the floor app failed');
  return dir;
}

export async function startFloorServer(root: string, dir: string, port: number): Promise<ChildProcess> {
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const child = spawn(process.execPath, [nextBin, 'start', dir, '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  return waitUntilServing(child, `http://localhost:${port}/`, 'the floor app');
}
