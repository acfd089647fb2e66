import type { MessageView } from '@/lib/messages/queries';
import { NoteMarkdown } from '@/lib/notes/render';
import { formatDateTime, specialtyLabel } from '@/lib/ui/format';

// One conversation's messages, oldest first. The text is the sender's Markdown, rendered safely (raw HTML
// shows as typed, lib/notes/render.tsx); a retracted message keeps its place, with no text.

function senderLine(m: MessageView, viewer: 'patient' | 'clinician'): string {
  if (m.mine) return 'You';
  if (m.senderRole === 'patient') return viewer === 'patient' ? 'You' : `${m.senderName} (patient)`;
  return m.senderSpecialty ? `${m.senderName}, ${specialtyLabel(m.senderSpecialty)}` : m.senderName;
}

export function ConversationThread({ messages, viewer, actions }: { messages: MessageView[]; viewer: 'patient' | 'clinician'; actions?: (m: MessageView) => React.ReactNode }) {
  return (
    <ol className="space-y-3" aria-label="Messages">
      {messages.map((m) => (
        <li key={m.id} className={`rounded-lg border p-3 ${m.mine ? 'ml-6 border-brand-200 bg-brand-50' : 'mr-6 border-slate-200 bg-white'}`} data-testid="message">
          <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
            <span className="font-semibold text-slate-900">{senderLine(m, viewer)}</span>
            <time dateTime={m.sentAt} className="text-slate-600">
              {formatDateTime(m.sentAt)}
            </time>
          </div>
          {m.body === null ? (
            <p className="mt-1 text-sm italic text-slate-600">Retracted by the sender{m.retractedAt ? ` on ${formatDateTime(m.retractedAt)}` : ''}.</p>
          ) : (
            <NoteMarkdown source={m.body} className="mt-1 text-slate-900" internalLinks />
          )}
          {actions && <div className="mt-2">{actions(m)}</div>}
        </li>
      ))}
    </ol>
  );
}
