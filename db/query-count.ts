import type { Logger } from 'drizzle-orm';

// Benchmark instrumentation only. With AXIS_BENCH=1 every SQL statement the app sends writes this
// marker line (never the SQL or its parameters) to stdout; `npm run bench` starts the server itself,
// sends one request at a time and counts the markers in between. Without AXIS_BENCH=1 no logger is
// installed at all, so normal runs neither log nor pay for it.
export const QUERY_MARKER = '[axis-bench] sql';

export function benchQueryLogger(env: Record<string, string | undefined> = process.env): Logger | undefined {
  if (env.AXIS_BENCH !== '1') return undefined;
  return {
    logQuery() {
      process.stdout.write(`${QUERY_MARKER}\n`);
    },
  };
}
