// `npm run seed:scale -- --patients 100000 [--reset] [--chunk 5000]`: a large clinic for the benchmarks.
// Targets DATABASE_URL, or the local server's axis_scale database when it is unset (created if missing).
// PostgreSQL only: the embedded PGlite database is for demos and tests, not for 2 million results.
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { describeTarget, openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDemoClinic } from '../db/seed/demo-clinic';
import { DEFAULT_SCALE_DATABASE_URL, SCALE_BENCH_EMAIL, seedScaleClinic } from '../db/seed/scale';

const MAX_PATIENTS = 250_000;

async function main() {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string', default: '100000' },
      chunk: { type: 'string', default: '5000' },
      reset: { type: 'boolean', default: false },
    },
  });
  const patients = Number(values.patients);
  const chunk = Number(values.chunk);
  if (!Number.isInteger(patients) || patients < 1 || patients > MAX_PATIENTS) throw new Error(`--patients must be a whole number from 1 to ${MAX_PATIENTS}`);
  if (!Number.isInteger(chunk) || chunk < 100 || chunk > 50_000) throw new Error('--chunk must be a whole number from 100 to 50000');

  const url = process.env.DATABASE_URL || DEFAULT_SCALE_DATABASE_URL;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('seed:scale needs a PostgreSQL DATABASE_URL (postgres://…)');
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!database) throw new Error('DATABASE_URL must name a database');

  // Create (or, with --reset, recreate) the database through the server's maintenance database.
  const maintenanceUrl = new URL(url);
  maintenanceUrl.pathname = '/postgres';
  const admin = postgres(maintenanceUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin<{ one: number }[]>`select 1 as one from pg_database where datname = ${database}`;
    if (exists && values.reset) {
      // A guard against wiping a real clinic by a mistyped URL.
      if (!database.includes('scale')) throw new Error(`--reset only drops databases whose name contains "scale" (got ${database})`);
      console.log(`Dropping database ${database}…`);
      await admin.unsafe(`drop database "${database.replace(/"/g, '""')}" with (force)`);
    }
    if (!exists || values.reset) {
      console.log(`Creating database ${database}…`);
      await admin.unsafe(`create database "${database.replace(/"/g, '""')}"`);
    }
    // The working set fits in memory, so a random page read costs about what a sequential one does;
    // with the default (4) the planner hashes all 100,000 patients instead of looking up a caseload's
    // 2,000 by key. The same setting is recommended for production (docs/PERFORMANCE.md).
    await admin.unsafe(`alter database "${database.replace(/"/g, '""')}" set random_page_cost = 1.1`);
  } finally {
    await admin.end();
  }

  const handle = openDatabase({ kind: 'postgres', url }, { maxConnections: 1 });
  try {
    console.log(`Database: ${describeTarget(handle.target)}`);
    await migrateDatabase(handle);
    const demo = await seedDemoClinic(handle.db);
    console.log(demo.seeded ? 'Seeded the demo clinic (its logins keep working).' : 'Demo clinic already present.');
  } finally {
    await handle.close();
  }

  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    console.log(`Generating ${patients.toLocaleString('en')} patients in chunks of ${chunk.toLocaleString('en')}…`);
    const summary = await seedScaleClinic(sql, { patients, chunk, log: (line) => console.log(line) });
    const rows = summary.patients + summary.conditions + summary.careTeamMembers + summary.results + summary.notes + summary.interventions;
    console.log(
      `Done in ${summary.seconds.toFixed(0)} s: ${summary.patients.toLocaleString('en')} patients, ${summary.conditions.toLocaleString('en')} conditions, ` +
        `${summary.careTeamMembers.toLocaleString('en')} care-team memberships, ${summary.results.toLocaleString('en')} results, ` +
        `${summary.notes.toLocaleString('en')} notes, ${summary.interventions.toLocaleString('en')} interventions (${Math.round(rows / summary.seconds).toLocaleString('en')} rows/s overall).`,
    );
    console.log(`Bench login: ${SCALE_BENCH_EMAIL} / axis-demo-clinic (password of every demo and scale account).`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
