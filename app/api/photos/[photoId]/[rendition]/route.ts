import { readPhotoRendition } from '@/lib/photos/queries';
import { getActor } from '@/lib/platform/auth/session';
import { ForbiddenError } from '@/lib/platform/errors';
import { errorResponse, textResponse } from '@/lib/platform/route-responses';

// GET /api/photos/<id>/<thumb|screen>: one rendition of a clinical photo, for whoever may see it
// (lib/photos/queries.ts checks and audits every view). Never cached anywhere, never a public URL; a refused or
// unknown photo answers 404 alike.

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ photoId: string; rendition: string }> }): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return textResponse('Please sign in.', 401);
    const { photoId, rendition } = await params;
    if (rendition !== 'thumb' && rendition !== 'screen') return textResponse('Not found.', 404);
    const image = await readPhotoRendition(actor, photoId, rendition);
    return new Response(image.bytes as BodyInit, {
      headers: {
        'Content-Type': image.contentType,
        'Content-Length': String(image.bytes.byteLength),
        'Cache-Control': 'private, no-store',
        'Content-Disposition': 'inline',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return textResponse('Not found.', 404);
    return errorResponse(error);
  }
}
