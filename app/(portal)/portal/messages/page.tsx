import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { readEnv } from '@/lib/platform/env';
import { getComposeOptions, listPatientConversations } from '@/lib/messages/queries';
import { EMERGENCY_NOTICE, MESSAGE_MAX, responseTimeText } from '@/lib/messages/rules';
import { Card, EmptyState, PageHeader } from '@/lib/ui/app-shell';
import { formatDateTime, specialtyLabel } from '@/lib/ui/format';
import { MessageComposer } from '@/lib/ui/messages/message-composer';
import { startConversationAction } from './actions';

export const metadata: Metadata = { title: 'Messages' };

export default async function PortalMessagesPage() {
  const actor = await requireActor(['patient']);
  const patientId = actor.patientId ?? '';
  const [conversations, options] = await Promise.all([listPatientConversations(actor, patientId), getComposeOptions(actor, patientId)]);
  const recipients = [{ value: 'team', label: 'My whole care team' }, ...options.specialties.map((s) => ({ value: s, label: `My ${specialtyLabel(s).toLowerCase()} team` }))];
  return (
    <div className="space-y-6">
      <PageHeader title="Messages" description="Ask your care team a question. Everyone on your team can read and answer." />
      <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-base text-amber-950">
        <strong>{EMERGENCY_NOTICE}</strong> {responseTimeText(readEnv().AXIS_MESSAGE_RESPONSE_DAYS)}
      </p>
      <Card title="Your conversations">
        {conversations.length === 0 ? (
          <EmptyState>No messages yet.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {conversations.map((c) => (
              <li key={c.id} className="py-3">
                <Link href={`/portal/messages/${c.id}`} className="block rounded-md p-1 hover:bg-slate-50">
                  <span className="flex flex-wrap items-center gap-2 text-base font-medium text-brand-800">
                    {c.subject}
                    {c.unread && <span className="rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">New reply</span>}
                  </span>
                  <span className="block text-sm text-slate-600">
                    To {c.specialty ? `your ${specialtyLabel(c.specialty).toLowerCase()} team` : 'your care team'} · last message {formatDateTime(c.lastMessageAt)}
                    {c.awaitingTeam ? ' · waiting for an answer' : ''}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="New message">
        <MessageComposer action={startConversationAction} recipients={recipients} withSubject submitLabel="Send message" bodyLabel="Your message" maxLength={MESSAGE_MAX} />
      </Card>
    </div>
  );
}
