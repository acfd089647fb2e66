// Runs once when the server starts, before it answers a request (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Database errors carry SQL parameters (names, searches, note text): they never reach the log.
  const { installLogRedaction } = await import('./lib/platform/db/log-redaction');
  installLogRedaction();
  // "You have a new message" e-mails that are due or being retried (only when SMTP_URL is set).
  if (process.env.SMTP_URL) {
    const { startEmailDeliveryTimer } = await import('./lib/messages/email');
    startEmailDeliveryTimer();
  }
}
