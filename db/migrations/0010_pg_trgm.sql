-- Trigram matching for the caseload's name search (a GIN index over the patient's names, added in the
-- next migration). PostgreSQL ships pg_trgm as a contrib module; PGlite loads its build of it when the
-- database is opened (db/client.ts), so both drivers run the same schema.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
