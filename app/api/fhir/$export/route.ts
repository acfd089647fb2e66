import { getActor } from '@/lib/platform/auth/session';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '@/lib/platform/db/unavailable';
import { ForbiddenError } from '@/lib/platform/errors';
import { operationOutcome } from '@/lib/fhir/operation-outcome';
import { bulkExportLines, parseBulkTypes } from '@/lib/fhir/bulk';

// GET /api/fhir/$export: FHIR Bulk Data style NDJSON of every patient on the signed-in clinician's care
// teams (lib/fhir/bulk.ts checks the role, reads each record through the care-team check and audits it).
// Streamed: the first lines leave before the last patient is read. Optional `_type=Patient,Observation`.

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return operationOutcome(401, 'login', 'Please sign in.');
    const types = parseBulkTypes(new URL(request.url).searchParams.get('_type'));
    if (!types.ok) return operationOutcome(400, 'invalid', types.error);
    const lines = bulkExportLines(actor, types.types);
    // The first line is awaited here, so a refusal (not a clinician) is a clean 403 before any byte is sent.
    const first = await lines.next();
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        if (!first.done) controller.enqueue(encoder.encode(first.value));
        if (first.done) controller.close();
      },
      async pull(controller) {
        if (first.done) return;
        try {
          const next = await lines.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await lines.return(undefined);
      },
    });
    const date = new Date().toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        'Content-Type': 'application/fhir+ndjson; charset=utf-8',
        'Content-Disposition': `attachment; filename="axis-export-${date}.ndjson"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return operationOutcome(403, 'forbidden', error.message);
    if (isDatabaseUnavailable(error)) return operationOutcome(503, 'transient', DATABASE_UNAVAILABLE_MESSAGE, { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
    throw error;
  }
}
