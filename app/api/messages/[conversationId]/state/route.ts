import { getConversationState } from '@/lib/messages/queries';
import { getActor } from '@/lib/platform/auth/session';
import { ForbiddenError } from '@/lib/platform/errors';
import { errorResponse, textResponse } from '@/lib/platform/route-responses';

// What an open conversation polls (lib/ui/messages/live-refresh.tsx): counts only, never message text.
// lib/messages checks access; a refused or unknown conversation answers 404 alike.

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ conversationId: string }> }): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return textResponse('Please sign in.', 401);
    const { conversationId } = await params;
    return Response.json(await getConversationState(actor, conversationId), { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    if (error instanceof ForbiddenError) return textResponse('Not found.', 404);
    return errorResponse(error);
  }
}
