// AXIS_WORKERS for `npm start`: how many server processes share the port (scripts/next-cluster.mjs).
// Unset or 1: one process. "auto": one per core. Only with PostgreSQL: the embedded PGlite database
// belongs to one process, so there it is always one (and asking for more is said, not silently ignored).

export type WorkerChoice = { ok: true; workers: number; note?: string } | { ok: false; message: string };

export function chooseWorkers(raw: string | undefined, usesPostgres: boolean, cores: number): WorkerChoice {
  const value = raw?.trim() ?? '';
  let asked: number;
  if (value === '' || value === '1') asked = 1;
  else if (value === 'auto') asked = Math.max(1, cores);
  else if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 64) asked = Number(value);
  else return { ok: false, message: `AXIS_WORKERS must be "auto" or a whole number from 1 to 64, not "${raw}".` };
  if (asked > 1 && !usesPostgres) {
    return { ok: true, workers: 1, note: 'AXIS_WORKERS is ignored without DATABASE_URL: the embedded PGlite database runs in one process.' };
  }
  return { ok: true, workers: asked };
}
