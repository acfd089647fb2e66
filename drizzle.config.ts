import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used: migrations are SQL files committed under db/migrations and
// applied by db/migrate.ts on start, identically on PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
