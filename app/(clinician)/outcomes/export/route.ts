import { cohortOutcomes } from '@/lib/outcomes/cohorts';
import { parseCohortQuery } from '@/lib/outcomes/cohort-query';
import { cohortOutcomesCsv } from '@/lib/outcomes/csv';
import { getActor } from '@/lib/platform/auth/session';
import { csvDownload, errorResponse, textResponse } from '@/lib/platform/route-responses';

// The clinic outcomes table as CSV: aggregates only, suppressed in the database like the page
// (cohortOutcomes checks the role, audits a refusal and audits the query).

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return textResponse('Please sign in.', 401);
    const { query, problems } = parseCohortQuery(new URL(request.url).searchParams);
    if (!query) return textResponse(`The question is not complete, so nothing was exported.\n${problems.join('\n') || 'Choose a skin condition and a score.'}`, 400);
    const outcome = await cohortOutcomes(actor, query);
    return csvDownload(cohortOutcomesCsv(outcome), `axis-outcomes-${query.condition}-${query.instrument}-${outcome.today}.csv`);
  } catch (error) {
    return errorResponse(error);
  }
}
