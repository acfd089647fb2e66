import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// scripts/next-cluster.mjs with a stand-in worker (an HTTP server answering its pid), so the launcher's own
// behaviour is tested without a Next build: one port shared by N processes, a dead worker replaced, a crash
// loop stopped, and SIGTERM stopping everything.

const launcher = path.join(process.cwd(), 'scripts', 'next-cluster.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'axis-cluster-'));
const worker = path.join(dir, 'worker.cjs');
writeFileSync(
  worker,
  `const http = require('node:http');
const port = Number(process.argv[process.argv.indexOf('-p') + 1]);
if (process.env.CRASH_AT_START === '1') process.exit(3);
http.createServer((req, res) => {
  if (req.url === '/die') { res.end('bye'); setTimeout(() => process.exit(1), 10); return; }
  res.setHeader('connection', 'close');
  res.end(String(process.pid));
}).listen(port);
`,
);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let running: ChildProcess | null = null;
afterEach(() => {
  running?.kill('SIGKILL');
  running = null;
});

function start(workers: string, port: number, env: Record<string, string> = {}): ChildProcess {
  running = spawn(process.execPath, [launcher, workers, '-p', String(port)], { env: { ...process.env, AXIS_CLUSTER_EXEC: worker, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return running;
}

async function get(port: number, pathname = '/'): Promise<string | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${pathname}`);
    return await res.text();
  } catch {
    return null;
  }
}

async function pidsAnswering(port: number, tries = 40): Promise<Set<string>> {
  const pids = new Set<string>();
  for (let i = 0; i < tries; i++) {
    const answer = await get(port);
    if (answer) pids.add(answer);
    else await new Promise((r) => setTimeout(r, 100));
  }
  return pids;
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

describe('next-cluster', () => {
  it('serves one port from the asked number of processes, and replaces a worker that dies', async () => {
    const port = await freePort();
    start('2', port);
    const first = await pidsAnswering(port);
    expect(first.size).toBe(2);
    expect(await get(port, '/die')).toBe('bye');
    await new Promise((r) => setTimeout(r, 700));
    const after = await pidsAnswering(port);
    expect(after.size).toBe(2);
    expect([...after].filter((pid) => !first.has(pid))).toHaveLength(1);
  });

  it('stops every worker and exits on SIGTERM', async () => {
    const port = await freePort();
    const child = start('2', port);
    expect((await pidsAnswering(port, 10)).size).toBeGreaterThan(0);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(await get(port)).toBeNull();
  });

  it('stops, with a message, when workers keep dying', async () => {
    const child = start('1', await freePort(), { CRASH_AT_START: '1' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    expect(await exited(child)).toBe(1);
    expect(stderr).toContain('more than five workers died within a minute');
  });

  it('refuses a worker count that is not a whole number from 1 to 64', async () => {
    const child = spawn(process.execPath, [launcher, 'many'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    expect(await exited(child)).toBe(2);
    expect(stderr).toContain('"many"');
  });
});
