// Row ids are UUIDs. An id from a request that is not one cannot name a row, so lookups skip the query for it
// (PostgreSQL would refuse the cast with an error) and refuse it like an id that names no row.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Is this a UUID in its canonical text form (any version)? */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
