// `npx tsx --conditions=react-server scripts/bench-explain.ts "" "q=chen" "page=100" patient`: EXPLAIN
// ANALYZE of the statements exactly as lib/ sends them for the caseload (one argument per search string)
// the patient page ("patient") or the clinic outcomes question ("outcomes"), as the bench clinician on the scale database (DATABASE_URL, default
// axis_scale). How the indexes and query shapes in docs/PERFORMANCE.md were chosen.
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { useDatabase as installDatabase, type Database } from '../db/client';
import * as schema from '../db/schema';
import { DEFAULT_SCALE_DATABASE_URL, SCALE_BENCH_EMAIL } from '../db/seed/scale';
import type { Actor } from '../lib/platform/auth/actor-types';
import { parseCaseloadQuery } from '../lib/patients/caseload-query';
import { listCaseload } from '../lib/patients/queries';
import { loadPatientRecordPage } from '../lib/patients/record-page';
import { cohortOutcomes } from '../lib/outcomes/cohorts';
import type { CohortQuery } from '../lib/outcomes/cohort-query';

async function main() {
  const url = process.env.DATABASE_URL || DEFAULT_SCALE_DATABASE_URL;
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const captured: { query: string; params: unknown[] }[] = [];
  const db = drizzle(client, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Database;
  installDatabase({ db, target: { kind: 'postgres', url }, close: () => client.end() });
  try {
    const [user] = await client<{ id: string; name: string; email: string }[]>`select id, name, email from users where email = ${SCALE_BENCH_EMAIL}`;
    if (!user) throw new Error(`no ${SCALE_BENCH_EMAIL}: run npm run seed:scale first`);
    const actor: Actor = { userId: user.id, role: 'clinician', name: user.name, email: user.email, specialty: 'dermatology', patientId: null, sessionId: 'explain', requestAddress: null };
    const queries = process.argv.slice(2);
    for (const qs of queries.length > 0 ? queries : ['']) {
      captured.length = 0;
      const started = performance.now();
      if (qs === 'outcomes') {
        const query: CohortQuery = { condition: 'atopic-dermatitis', finding: 'food_panel_positive', kind: 'diet', instrument: 'easi' };
        const outcome = await cohortOutcomes(actor, query);
        console.log(`\n== outcomes ${JSON.stringify(query)}: ${captured.length} statements, ${(performance.now() - started).toFixed(1)} ms in lib/; groups ${JSON.stringify(outcome.groups.map((g) => [g.group, g.patients, g.assessable]))}`);
      } else if (qs === 'patient') {
        const [patient] = await client<{ id: string }[]>`
          select m.patient_id as id from care_team_members m where m.user_id = ${user.id} and m.removed_at is null
            and (select count(*) from results r where r.patient_id = m.patient_id and r.is_current) = 20
          order by m.patient_id limit 1`;
        if (!patient) throw new Error('no patient with 20 results');
        await loadPatientRecordPage(actor, patient.id);
        console.log(`\n== patient page ${patient.id}: ${captured.length} statements, ${(performance.now() - started).toFixed(1)} ms in lib/`);
      } else {
        const page = await listCaseload(actor, parseCaseloadQuery(new URLSearchParams(qs)));
        console.log(`\n== ${qs || '(default)'}: total ${page.total}, ${page.rows.length} rows, ${(performance.now() - started).toFixed(1)} ms in lib/`);
      }
      for (const statement of captured) {
        if (/^insert/i.test(statement.query)) continue; // the audit insert: not worth a plan
        const plan = await client.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${statement.query}`, statement.params as never[]);
        console.log(plan.map((p) => p['QUERY PLAN']).join('\n'));
      }
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
