import { databaseUnavailableResponse, isDatabaseUnavailable } from './db/unavailable';
import { ForbiddenError } from './errors';

// What route handlers answer besides their payload, the same way everywhere: plain-text refusals, and the
// response for the errors a data-layer call may throw (a refusal, a database outage).

/** A plain-text answer (a refusal or a problem with the request), never cached. */
export function textResponse(body: string, status: number): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** A CSV file to download, never cached or sniffed as anything else. */
export function csvDownload(body: BodyInit, filename: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** 403 for a refusal, 503 with Retry-After for an outage; anything else is rethrown. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ForbiddenError) return textResponse(error.message, 403);
  if (isDatabaseUnavailable(error)) return databaseUnavailableResponse();
  throw error;
}
