import type { Sql } from 'postgres';

// drizzle runs every query through postgres.js with `prepare: false` (only its explicit .prepare(name)
// API asks otherwise), so PostgreSQL parses, analyses and plans each statement afresh on every request;
// planning the caseload's statement alone is 2–4 ms of database CPU. postgres.js can instead keep a named
// prepared statement per connection for each distinct statement text (the texts are drizzle's, with every
// value a parameter, so a page's statements repeat exactly), and its own retry re-prepares one that a
// schema change invalidated. This hands drizzle a client that asks for that, inside transactions and
// savepoints too. A connection that must not prepare (PgBouncer before 1.21 in transaction mode, named by
// `?prepare=false` in DATABASE_URL) is left as it is.

type Callback = (sql: Sql) => unknown;

export function preparingStatements(client: Sql): Sql {
  if (client.options.prepare === false) return client;
  return wrap(client);
}

function wrap<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, property, receiver) {
      const value: unknown = Reflect.get(obj, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe') {
        return (query: string, parameters?: unknown[], options?: Record<string, unknown>) =>
          (value as (...args: unknown[]) => unknown).call(obj, query, parameters ?? [], { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        // The last argument is the callback that receives the transaction's own client.
        return (...args: unknown[]) => {
          const callback = args.at(-1) as Callback;
          return (value as (...a: unknown[]) => unknown).call(obj, ...args.slice(0, -1), (inner: Sql) => callback(wrap(inner)));
        };
      }
      return value;
    },
  });
}
