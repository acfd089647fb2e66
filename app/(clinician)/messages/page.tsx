import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { listMyInbox } from '@/lib/messages/queries';
import { Card, PageHeader } from '@/lib/ui/app-shell';
import { ConversationList } from '@/lib/ui/messages/conversation-list';

export const metadata: Metadata = { title: 'Messages' };

const FILTERS = { all: 'All', unread: 'Unread', awaiting: 'Awaiting a reply from the team' } as const;
type Filter = keyof typeof FILTERS;

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(['clinician']);
  const raw = (await searchParams).filter;
  const filter: Filter = typeof raw === 'string' && Object.hasOwn(FILTERS, raw) ? (raw as Filter) : 'all';
  const conversations = await listMyInbox(actor, filter);
  return (
    <div className="space-y-6">
      <PageHeader title="Messages" description="Conversations on the records of your care teams: with patients, and among the team." />
      <nav aria-label="Filter messages" className="flex flex-wrap gap-2 text-sm">
        {(Object.keys(FILTERS) as Filter[]).map((f) => (
          <Link key={f} href={f === 'all' ? '/messages' : `/messages?filter=${f}`} aria-current={f === filter ? 'page' : undefined} className={`rounded-full border px-3 py-1 ${f === filter ? 'border-brand-700 bg-brand-50 font-semibold text-brand-800' : 'border-slate-300 text-slate-700 hover:bg-slate-50'}`}>
            {FILTERS[f]}
          </Link>
        ))}
      </nav>
      <Card title={FILTERS[filter]}>
        <ConversationList conversations={conversations} hrefFor={(c) => `/patients/${c.patientId}/messages/${c.id}`} showPatient />
      </Card>
    </div>
  );
}
