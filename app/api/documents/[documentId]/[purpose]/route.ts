import { readDocumentContent } from '@/lib/documents/queries';
import { getActor } from '@/lib/platform/auth/session';
import { ForbiddenError } from '@/lib/platform/errors';
import { errorResponse, textResponse } from '@/lib/platform/route-responses';

// GET /api/documents/<id>/<view|download>: a kept PDF, for whoever may see it (lib/documents/queries.ts checks
// and audits every read). Always an attachment, with a sandbox policy (set by proxy.ts): a browser never renders it as a page of
// this site (the viewer draws it with pdf.js from these bytes), and it is never cached. A refused or unknown
// document answers 404 alike.

export const dynamic = 'force-dynamic';

/** An ASCII file name for old clients, and the exact title for the rest (RFC 6266 / RFC 5987). */
function disposition(title: string): string {
  const ascii = title.replace(/[^A-Za-z0-9 ._-]+/g, '_').replace(/\s+/g, ' ').trim().slice(0, 100) || 'document';
  return `attachment; filename="${ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(`${title}.pdf`)}`;
}

export async function GET(_request: Request, { params }: { params: Promise<{ documentId: string; purpose: string }> }): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return textResponse('Please sign in.', 401);
    const { documentId, purpose } = await params;
    if (purpose !== 'view' && purpose !== 'download') return textResponse('Not found.', 404);
    const document = await readDocumentContent(actor, documentId, purpose);
    return new Response(document.bytes as BodyInit, {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Length': String(document.bytes.byteLength),
        'Content-Disposition': disposition(document.title),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        // The sandbox policy comes from proxy.ts (DOWNLOAD_CONTENT_SECURITY_POLICY): its headers replace a handler's.
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return textResponse('Not found.', 404);
    return errorResponse(error);
  }
}
