import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { readEnv } from '@/lib/platform/env';
import { getConversation } from '@/lib/messages/queries';
import { EMERGENCY_NOTICE, MESSAGE_MAX, responseTimeText } from '@/lib/messages/rules';
import { Card } from '@/lib/ui/app-shell';
import { specialtyLabel } from '@/lib/ui/format';
import { ConversationThread } from '@/lib/ui/messages/conversation-thread';
import { LiveRefresh } from '@/lib/ui/messages/live-refresh';
import { MessageActionButton } from '@/lib/ui/messages/message-action-button';
import { MessageComposer } from '@/lib/ui/messages/message-composer';
import { orNotFound } from '@/lib/ui/or-not-found';
import { replyAction, retractAction } from '../actions';

export const metadata: Metadata = { title: 'Conversation' };

export default async function PortalConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  const actor = await requireActor(['patient']);
  const view = await orNotFound(getConversation(actor, conversationId));
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/portal/messages" className="text-brand-700 underline">
          ← All messages
        </Link>
      </nav>
      <Card title={view.subject} level={1}>
        <p className="mb-4 text-sm text-slate-600">
          To {view.specialty ? `your ${specialtyLabel(view.specialty).toLowerCase()} team` : 'your care team'}
          {view.responsibleName ? `; ${view.responsibleName} answers first, and anyone on your team may reply.` : '.'}
        </p>
        <ConversationThread
          messages={view.messages}
          viewer="patient"
          actions={(m) => (m.retractableUntil ? <MessageActionButton action={retractAction.bind(null, m.id, view.id)} label="Retract" confirmText="Retract this message? Your care team will see that a message was retracted." /> : null)}
        />
        <LiveRefresh conversationId={view.id} initial={view.state} />
      </Card>
      <Card title="Reply">
        <p role="note" className="mb-3 text-sm text-amber-950">
          {EMERGENCY_NOTICE} {responseTimeText(readEnv().AXIS_MESSAGE_RESPONSE_DAYS)}
        </p>
        <MessageComposer action={replyAction.bind(null, view.id)} submitLabel="Send reply" bodyLabel="Your reply" maxLength={MESSAGE_MAX} />
      </Card>
    </div>
  );
}
