import { cohortOutcomes } from '@/lib/outcomes/cohorts';
import { parseCohortQuery } from '@/lib/outcomes/cohort-query';
import { cohortOutcomesCsv } from '@/lib/outcomes/csv';
import { getActor } from '@/lib/platform/auth/session';
import { databaseUnavailableResponse, isDatabaseUnavailable } from '@/lib/platform/db/unavailable';
import { ForbiddenError } from '@/lib/platform/errors';

// The clinic outcomes table as CSV: aggregates only, suppressed in the database like the page
// (cohortOutcomes checks the role, audits a refusal and audits the query).

export const dynamic = 'force-dynamic';

const textResponse = (body: string, status: number) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return textResponse('Please sign in.', 401);
    const { query, problems } = parseCohortQuery(new URL(request.url).searchParams);
    if (!query) return textResponse(`The question is not complete, so nothing was exported.\n${problems.join('\n') || 'Choose a skin condition and a score.'}`, 400);
    const outcome = await cohortOutcomes(actor, query);
    return new Response(cohortOutcomesCsv(outcome), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="axis-outcomes-${query.condition}-${query.instrument}-${outcome.today}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return textResponse(error.message, 403);
    if (isDatabaseUnavailable(error)) return databaseUnavailableResponse();
    throw error;
  }
}
