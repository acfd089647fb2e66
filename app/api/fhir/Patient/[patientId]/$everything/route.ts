import { getActor } from '@/lib/platform/auth/session';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '@/lib/platform/db/unavailable';
import { ForbiddenError } from '@/lib/platform/errors';
import { operationOutcome } from '@/lib/fhir/operation-outcome';
import { exportPatientBundle } from '@/lib/fhir/queries';

// FHIR R4 Patient/$everything: the patient's record as one Bundle. lib/fhir/queries checks (and
// audits) that the signed-in clinician is on the care team, exactly as the record page does. A
// patient the caller may not see is "not found" (404), like the page, so an outsider cannot tell
// whether the id exists. The folder name is the literal "$everything": App Router treats "$" as an
// ordinary character (only [..], (..), @.. and _.. are special), so the URL is exactly as FHIR names it.

export const dynamic = 'force-dynamic';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export async function GET(_request: Request, { params }: { params: Promise<{ patientId: string }> }): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return operationOutcome(401, 'login', 'Please sign in.');
    const { patientId } = await params;
    const { bundle, fileName } = await exportPatientBundle(actor, patientId);
    return new Response(JSON.stringify(bundle, null, 2), {
      headers: {
        'Content-Type': FHIR_JSON,
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return operationOutcome(404, 'not-found', 'This patient record does not exist, or you are not on its care team.');
    // A database outage is a clear, retryable answer (FHIR's 'transient'), never a stack trace.
    if (isDatabaseUnavailable(error)) return operationOutcome(503, 'transient', DATABASE_UNAVAILABLE_MESSAGE, { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
    throw error;
  }
}
