import { Link } from '@/lib/ui/link';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { listRecentEmergencyAccessesOnMyPatients } from '@/lib/emergency-access/queries';
import { listMyOpenTasks } from '@/lib/notes/queries';
import { formatRelative } from '@/lib/ui/format';
import { TaskDoneButton } from './[patientId]/notes/note-buttons';
import { EmergencyAccessesForYou } from './emergency-accesses-for-you';

/** Mentions and tasks colleagues left for the signed-in clinician, until they mark them done. */
export async function ForYou({ actor }: { actor: Actor }) {
  const [tasks, emergencies] = await Promise.all([listMyOpenTasks(actor), listRecentEmergencyAccessesOnMyPatients(actor)]);
  const count = tasks.length + emergencies.length;
  const now = new Date().toISOString();
  return (
    <section aria-labelledby="for-you-heading" className="mb-6 rounded-lg border border-brand-100 bg-white shadow-sm">
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 id="for-you-heading" className="text-base font-semibold">
          For you{count > 0 && <span className="ml-2 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">{count}</span>}
        </h2>
      </div>
      <EmergencyAccessesForYou accesses={emergencies} />
      {tasks.length === 0 ? (
        emergencies.length === 0 && <p className="px-4 py-3 text-sm text-slate-500">Nothing waiting for you: no open mentions or tasks.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Open mentions and tasks">
          {tasks.map((t) => (
            <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3 text-sm" data-testid="for-you-item">
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${t.kind === 'task' ? 'bg-amber-50 text-amber-900 ring-amber-200' : 'bg-sky-50 text-sky-800 ring-sky-200'}`}
                  >
                    {t.kind === 'task' ? 'Task' : 'Mention'}
                  </span>
                  <Link href={t.noteId ? `/patients/${t.patientId}/notes/${t.noteId}` : t.conversationId ? `/patients/${t.patientId}/messages/${t.conversationId}` : `/patients/${t.patientId}`} className="font-medium text-brand-700 hover:underline">
                    {t.patientName}
                  </Link>
                  <span className="text-xs text-slate-500">
                    from {t.fromName} · {formatRelative(t.createdAt, now)}
                  </span>
                </div>
                <p className="mt-1 break-words text-slate-800">{t.description}</p>
              </div>
              <TaskDoneButton taskId={t.id} label={t.description} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
