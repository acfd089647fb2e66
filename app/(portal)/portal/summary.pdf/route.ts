import { getActor } from '@/lib/platform/auth/session';
import { databaseUnavailableResponse, isDatabaseUnavailable } from '@/lib/platform/db/unavailable';
import { ForbiddenError } from '@/lib/platform/errors';
import { getPortalSummary } from '@/lib/portal/queries';
import { renderSummaryPdf } from '@/lib/portal/summary-pdf';
import { getMyProtocol } from '@/lib/reintroduction/queries';

// The signed-in patient's own summary as a PDF download. getPortalSummary checks (and audits) that the
// actor is a patient reading their own record; the patient id never comes from the request.

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return new Response('Please sign in.', { status: 401, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    const [summary, protocol] = await Promise.all([getPortalSummary(actor), getMyProtocol(actor)]);
    const pdf = await renderSummaryPdf(summary, protocol);
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="axis-health-summary-${summary.generatedAt.slice(0, 10)}.pdf"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response(error.message, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    // A database outage is a 503 with Retry-After, never a stack trace.
    if (isDatabaseUnavailable(error)) return databaseUnavailableResponse();
    throw error;
  }
}
