import { describeTarget, openDatabase, targetFromEnv } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { formatDemoLogins, seedDemoClinic } from '../db/seed/demo-clinic';

async function main() {
  const handle = openDatabase(targetFromEnv(), { maxConnections: 1 });
  try {
    await migrateDatabase(handle);
    const summary = await seedDemoClinic(handle.db);
    console.log(summary.seeded ? `Seeded the demo clinic into ${describeTarget(handle.target)}.` : 'The database already has users; seed skipped.');
    console.log(formatDemoLogins(summary));
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
