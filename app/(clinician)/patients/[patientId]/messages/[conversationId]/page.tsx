import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/platform/auth/session';
import { getConversation } from '@/lib/messages/queries';
import { MESSAGE_MAX } from '@/lib/messages/rules';
import { Card } from '@/lib/ui/app-shell';
import { specialtyLabel } from '@/lib/ui/format';
import { ConversationThread } from '@/lib/ui/messages/conversation-thread';
import { LiveRefresh } from '@/lib/ui/messages/live-refresh';
import { MessageActionButton } from '@/lib/ui/messages/message-action-button';
import { MessageComposer } from '@/lib/ui/messages/message-composer';
import { TaskFromMessage } from '@/lib/ui/messages/task-from-message';
import { orNotFound } from '@/lib/ui/or-not-found';
import { messageToTaskAction, replyAction, retractAction } from '../actions';

export const metadata: Metadata = { title: 'Conversation' };

export default async function ClinicianConversationPage({ params }: { params: Promise<{ patientId: string; conversationId: string }> }) {
  const { patientId, conversationId } = await params;
  const actor = await requireActor(['clinician']);
  const view = await orNotFound(getConversation(actor, conversationId));
  // A conversation id pasted under another patient's URL is not shown there.
  if (view.patientId !== patientId) notFound();
  const withWhom = view.audience === 'team' ? 'Care team only: the patient never sees this conversation.' : `With the patient, addressed to ${view.specialty ? specialtyLabel(view.specialty).toLowerCase() : 'the whole care team'}.`;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/patients/${patientId}/messages`} className="text-brand-700 hover:underline">
          ← All messages for this patient
        </Link>
      </nav>
      <Card title={view.subject} level={1}>
        <p className="mb-4 text-sm text-slate-600">
          {withWhom}
          {view.responsibleName ? ` Answers first: ${view.responsibleName}.` : ''}
        </p>
        <ConversationThread
          messages={view.messages}
          viewer="clinician"
          actions={(m) => (
            <div className="flex flex-wrap items-center gap-3">
              {m.retractableUntil && <MessageActionButton action={retractAction.bind(null, m.id)} label="Retract" confirmText="Retract this message? Everyone will see that a message was retracted." />}
              {m.taskId ? (
                <span className="text-xs text-emerald-800">A task was made from this message.</span>
              ) : (
                view.canReply && !m.mine && m.body !== null && view.team.length > 0 && <TaskFromMessage action={messageToTaskAction.bind(null, m.id)} team={view.team.map((t) => ({ id: t.id, name: t.specialty ? `${t.name} (${specialtyLabel(t.specialty)})` : t.name }))} defaultAssignee={actor.userId} />
              )}
            </div>
          )}
        />
        <LiveRefresh conversationId={view.id} initial={view.state} />
      </Card>
      {view.canReply ? (
        <Card title="Reply">
          <MessageComposer action={replyAction.bind(null, view.id)} submitLabel="Send reply" bodyLabel="Reply" maxLength={MESSAGE_MAX} />
        </Card>
      ) : (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          You are reading under emergency access, which is read-only: you cannot reply.
        </p>
      )}
    </div>
  );
}
