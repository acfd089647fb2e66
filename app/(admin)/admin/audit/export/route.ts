import { exportAuditLogCsv } from '@/lib/platform/audit/export';
import { parseAuditFilters } from '@/lib/platform/audit/filters';
import { getActor } from '@/lib/platform/auth/session';
import { csvDownload, errorResponse, textResponse } from '@/lib/platform/route-responses';

// The audit log under the current filters as CSV, for administrators. exportAuditLogCsv checks the role
// (a refusal is audited) and audits the export; rows stream in batches, so a large log never sits in memory.

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return textResponse('Please sign in.', 401);
    const parsed = parseAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.ok) {
      const problems = Object.entries(parsed.fieldErrors).map(([field, messages]) => `${field}: ${(messages ?? []).join(' ')}`);
      return textResponse(`The filters are not valid, so nothing was exported.\n${problems.join('\n')}`, 400);
    }
    const stream = await exportAuditLogCsv(actor, parsed.filters);
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    return csvDownload(stream, `axis-audit-log-${stamp}.csv`);
  } catch (error) {
    return errorResponse(error);
  }
}
