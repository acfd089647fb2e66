// Runs once when the server starts, before it answers a request (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Database errors carry SQL parameters (names, searches, note text): they never reach the log.
  const { installLogRedaction } = await import('./lib/platform/db/log-redaction');
  installLogRedaction();
}
