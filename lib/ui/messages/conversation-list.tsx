import { Link } from '@/lib/ui/link';
import type { ConversationSummary } from '@/lib/messages/queries';
import { EmptyState } from '@/lib/ui/app-shell';
import { formatDateTime, specialtyLabel } from '@/lib/ui/format';

/** Conversations for the care team: who it is with, unread and unanswered marked, newest activity first. */
export function ConversationList({ conversations, hrefFor, showPatient }: { conversations: ConversationSummary[]; hrefFor: (c: ConversationSummary) => string; showPatient: boolean }) {
  if (conversations.length === 0) return <EmptyState>No conversations yet.</EmptyState>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase tracking-wide text-slate-500">
        <tr>
          {showPatient && <th scope="col" className="py-2 pr-3 font-semibold">Patient</th>}
          <th scope="col" className="py-2 pr-3 font-semibold">Subject</th>
          <th scope="col" className="py-2 pr-3 font-semibold">With</th>
          <th scope="col" className="py-2 pr-3 font-semibold">Last message</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {conversations.map((c) => (
          <tr key={c.id} data-testid="conversation-row" className={c.unread ? 'font-semibold' : ''}>
            {showPatient && (
              <td className="py-2 pr-3">
                {c.patientName} <span className="text-xs font-normal text-slate-500">{c.mrn}</span>
              </td>
            )}
            <td className="py-2 pr-3">
              <Link href={hrefFor(c)} className="text-brand-700 hover:underline">
                {c.subject}
              </Link>
              {c.unread && <span className="ml-2 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">Unread</span>}
              {c.awaitingTeam && <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">Awaiting reply</span>}
            </td>
            <td className="py-2 pr-3 font-normal">
              {c.audience === 'team' ? 'Care team only' : `Patient${c.specialty ? ` → ${specialtyLabel(c.specialty)}` : ' → care team'}`}
              {c.responsibleName && <span className="block text-xs text-slate-500">Answers first: {c.responsibleName}</span>}
            </td>
            <td className="py-2 pr-3 font-normal">{formatDateTime(c.lastMessageAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
