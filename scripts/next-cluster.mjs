// `node scripts/next-cluster.mjs <workers> [next start arguments…]`: runs `next start` in <workers>
// processes sharing one port (node:cluster hands connections out round-robin), so a PostgreSQL
// deployment uses every core. Axis keeps no state in process memory between requests (sessions,
// sign-in throttling and audit are rows), which is what makes this safe. Not for the embedded PGlite
// database: it belongs to one process (scripts/start.ts never asks for more than one then).
//
// A worker that dies unexpectedly is replaced; more than five deaths in a minute stops the whole server,
// because a crash loop should be seen, not hidden. SIGINT/SIGTERM stop every worker and then exit.
import cluster from 'node:cluster';
import path from 'node:path';

const [countArg, ...nextArgs] = process.argv.slice(2);
const workers = Number(countArg);
if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
  console.error(`next-cluster: the worker count must be a whole number from 1 to 64, not "${countArg ?? ''}".`);
  process.exit(2);
}

// AXIS_CLUSTER_EXEC replaces the program each worker runs (its tests use a tiny HTTP server).
const workerProgram = process.env.AXIS_CLUSTER_EXEC || path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
cluster.setupPrimary({ exec: workerProgram, args: process.env.AXIS_CLUSTER_EXEC ? nextArgs : ['start', ...nextArgs] });

let stopping = false;
const recentDeaths = [];
for (let i = 0; i < workers; i++) cluster.fork();

cluster.on('exit', (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  const now = Date.now();
  recentDeaths.push(now);
  while (recentDeaths.length && recentDeaths[0] < now - 60_000) recentDeaths.shift();
  console.error(`next-cluster: worker ${worker.process.pid} exited (${signal ?? code}).`);
  if (recentDeaths.length > 5) {
    console.error('next-cluster: more than five workers died within a minute; stopping.');
    stop('SIGTERM', 1);
    return;
  }
  cluster.fork();
});

function stop(signal, exitCode = 0) {
  stopping = true;
  const alive = Object.values(cluster.workers ?? {});
  if (alive.length === 0) process.exit(exitCode);
  for (const worker of alive) worker?.process.kill(signal);
  // A worker that ignores the signal must not keep the port: give up after 10 s.
  setTimeout(() => process.exit(exitCode), 10_000).unref();
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
