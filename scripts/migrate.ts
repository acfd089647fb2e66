import { describeTarget, openDatabase, targetFromEnv } from '../db/client';
import { migrateDatabase } from '../db/migrate';

async function main() {
  const handle = openDatabase(targetFromEnv(), { maxConnections: 1 });
  try {
    await migrateDatabase(handle);
    console.log(`Migrations applied to ${describeTarget(handle.target)}.`);
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
