'use client';

import { useRouter } from 'next/navigation';
import { useId, useMemo, useRef, useState, useTransition } from 'react';
import type { FieldErrors } from '@/lib/platform/errors';
import { insertMention, mentionProblems, mentionQueryAt, parseMentions, suggestMembers } from '@/lib/notes/mentions';
import { NOTE_TEMPLATES, withTemplate } from '@/lib/notes/templates';
import type { NoteOutcome } from '@/lib/notes/mutations';
import type { NoteLinkTargetType, NoteVisibility } from '@/lib/notes/note-values';
import dynamic from 'next/dynamic';
import { Field, FormMessage, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { amendNoteAction, reviseDraftAction, saveNoteAction } from './actions';

// The Markdown renderer (react-markdown + remark-gfm) is the heaviest part of this page: it loads after
// the editor is interactive, so typing can start at once and the route stays within its JS budget.
const NoteMarkdown = dynamic(() => import('@/lib/notes/render').then((m) => m.NoteMarkdown), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-600">Loading preview…</p>,
});

export interface TagOption {
  targetType: NoteLinkTargetType;
  targetId: string;
  label: string;
  detail?: string;
  /** The heading it is listed under in the picker ("Breath tests", "Scores · EASI", "Diet change"). */
  group?: string;
}

export interface ColleagueOption {
  id: string;
  name: string;
  specialty: string;
}

export type EditorMode = { kind: 'new' } | { kind: 'revise'; noteId: string; version: number } | { kind: 'amend'; noteId: string; version: number };

interface TaskRow {
  key: number;
  assigneeId: string;
  description: string;
}

const key = (t: { targetType: string; targetId: string }) => `${t.targetType}:${t.targetId}`;

/**
 * Writes a new note, revises a draft or amends a signed note. Everything typed lives in this
 * component's state and is never reset when the server refuses a save, so nothing is lost.
 */
export function NoteEditor({
  patientId,
  mode,
  colleagues,
  author,
  resultOptions,
  interventionOptions,
  initial,
}: {
  patientId: string;
  mode: EditorMode;
  /** Colleagues on the care team, the author excluded: who can be mentioned or given a task. */
  colleagues: ColleagueOption[];
  /** The signed-in author: may mention themselves (nobody is notified). */
  author: { id: string; name: string };
  resultOptions: TagOption[];
  interventionOptions: TagOption[];
  initial: { body: string; visibility: NoteVisibility; links: { targetType: NoteLinkTargetType; targetId: string }[] };
}) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [body, setBody] = useState(initial.body);
  const [visibility, setVisibility] = useState<NoteVisibility>(initial.visibility);
  const [tags, setTags] = useState<Set<string>>(() => new Set(initial.links.map(key)));
  const [tasks, setTasks] = useState<TaskRow[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<NoteOutcome | null>(null);
  const [submitted, setSubmitted] = useState<'draft' | 'sign' | null>(null);

  const fieldErrors: FieldErrors = outcome && !outcome.ok ? (outcome.fieldErrors ?? {}) : {};

  // @-autocomplete: the colleagues whose name fits the @word being typed at the caret.
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [activeSuggestion, setActiveSuggestion] = useState(0);
  const [suggestionsClosed, setSuggestionsClosed] = useState(false);
  const mentionQuery = caret === null ? null : mentionQueryAt(body, caret);
  const suggestions = mentionQuery && !suggestionsClosed ? suggestMembers(mentionQuery.query, colleagues) : [];
  const chooseMention = (member: ColleagueOption) => {
    if (!mentionQuery || caret === null) return;
    const next = insertMention(body, mentionQuery.start, caret, member);
    setBody(next.text);
    setCaret(next.caret);
    setSuggestionsClosed(true);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  const [template, setTemplate] = useState<string>('');
  const mentionable = useMemo(() => [...colleagues, { ...author, specialty: '' }], [colleagues, author]);
  const mentions = useMemo(() => {
    const parse = parseMentions(body, mentionable);
    // As on the server: a mention already in the version being changed is not refused again.
    const before = parseMentions(initial.body, mentionable);
    const known = (list: string[], text: string) => list.some((t) => t.toLowerCase() === text.toLowerCase());
    return {
      mentioned: parse.mentioned.filter((m) => m.id !== author.id),
      unknown: parse.unknown.filter((u) => !known(before.unknown, u)),
      ambiguous: parse.ambiguous.filter((a) => !known(before.ambiguous.map((b) => b.text), a.text)),
    };
  }, [body, mentionable, initial.body, author.id]);
  const problems = mentionProblems(mentions);
  const allTags = [...resultOptions, ...interventionOptions];
  const isAmend = mode.kind === 'amend';

  function toggleTag(option: TagOption) {
    setTags((prev) => {
      const next = new Set(prev);
      const k = key(option);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  }

  function submit(sign: boolean) {
    const links = [...tags].map((k) => {
      const [targetType, targetId] = k.split(':');
      return { targetType, targetId };
    });
    const taskInput = tasks.filter((t) => t.assigneeId || t.description.trim()).map((t) => ({ assigneeId: t.assigneeId, description: t.description }));
    setSubmitted(sign ? 'sign' : 'draft');
    start(async () => {
      const result =
        mode.kind === 'new'
          ? await saveNoteAction(patientId, { body, visibility, links, tasks: taskInput, sign })
          : mode.kind === 'revise'
            ? await reviseDraftAction(patientId, { noteId: mode.noteId, expectedVersion: mode.version, body, visibility, links, tasks: taskInput, sign })
            : await amendNoteAction(patientId, { noteId: mode.noteId, expectedVersion: mode.version, body, reason, visibility, links, tasks: taskInput });
      setOutcome(result);
      if (result.ok) router.push(`/patients/${patientId}/notes/${result.data.noteId}`);
    });
  }

  // Errors the server tied to a tag or task row are shown beside it; the summary lists the rest.
  const tagErrors = (i: number) => fieldErrors[`links.${i}.targetId`] ?? fieldErrors[`links.${i}.targetType`];
  const submittedLinks = [...tags];

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        submit(isAmend);
      }}
    >
      <FormMessage state={outcome} />

      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <div className="mb-2 flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={`${id}-template`} className="mb-1 block text-xs font-medium text-slate-700">
                Template
              </label>
              <select id={`${id}-template`} value={template} onChange={(e) => setTemplate(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
                <option value="">Choose a template…</option>
                {NOTE_TEMPLATES.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className={secondaryButtonClass}
              disabled={!template}
              onClick={() => {
                const chosen = NOTE_TEMPLATES.find((t) => t.id === template);
                if (chosen) setBody((b) => withTemplate(b, chosen));
                setTemplate('');
              }}
            >
              Add to the note
            </button>
          </div>
          <Field id={`${id}-body`} label="Note (Markdown)" errors={fieldErrors.body} hint="**bold**, *italic*, - lists, | tables |. Type @ and a colleague’s name to mention them.">
            <textarea
              ref={textarea}
              id={`${id}-body`}
              name="body"
              className={`${inputClass} min-h-72 font-mono`}
              value={body}
              onChange={(e) => {
                setBody(e.target.value);
                setCaret(e.target.selectionStart);
                setSuggestionsClosed(false);
                setActiveSuggestion(0);
              }}
              onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
              onKeyDown={(e) => {
                if (suggestions.length === 0) return;
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  setActiveSuggestion((i) => (i + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
                } else if (e.key === 'Enter' || e.key === 'Tab') {
                  const member = suggestions[Math.min(activeSuggestion, suggestions.length - 1)];
                  if (member) {
                    e.preventDefault();
                    chooseMention(member);
                  }
                } else if (e.key === 'Escape') {
                  e.preventDefault();
                  setSuggestionsClosed(true);
                }
              }}
              aria-autocomplete="list"
              aria-controls={`${id}-suggestions`}
              aria-activedescendant={suggestions.length > 0 ? `${id}-suggestion-${Math.min(activeSuggestion, suggestions.length - 1)}` : undefined}
              aria-invalid={fieldErrors.body ? true : undefined}
              aria-describedby={problems.length ? `${id}-mentions` : undefined}
            />
          </Field>
          <ul id={`${id}-suggestions`} role="listbox" aria-label="Colleagues to mention" hidden={suggestions.length === 0} className="mt-1 rounded-md border border-slate-300 bg-white text-sm shadow-sm">
            {suggestions.map((m, i) => (
              <li
                key={m.id}
                id={`${id}-suggestion-${i}`}
                role="option"
                aria-selected={i === Math.min(activeSuggestion, suggestions.length - 1)}
                className={`cursor-pointer px-3 py-1.5 ${i === Math.min(activeSuggestion, suggestions.length - 1) ? 'bg-brand-50 text-brand-800' : 'text-slate-800'}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => chooseMention(m)}
              >
                @{m.name} <span className="text-xs text-slate-600">{m.specialty}</span>
              </li>
            ))}
          </ul>
        </div>
        <section aria-labelledby={`${id}-preview`} className="flex flex-col">
          <h2 id={`${id}-preview`} className="mb-1 text-sm font-medium text-slate-700">
            Preview
          </h2>
          <div className="min-h-72 flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2" data-testid="note-preview">
            {body.trim() ? <NoteMarkdown source={body} /> : <p className="text-sm text-slate-600">The note appears here as colleagues will read it.</p>}
          </div>
        </section>
      </div>

      <div id={`${id}-mentions`} aria-live="polite" className="space-y-1 text-sm">
        {mentions.mentioned.length > 0 && (
          <p className="text-slate-700">
            Will notify: <span className="font-medium">{mentions.mentioned.map((m) => m.name).join(', ')}</span> (shown on their home page until they mark it done).
          </p>
        )}
        {problems.map((p) => (
          <p key={p} className="text-amber-900">
            {p}
          </p>
        ))}
      </div>

      {isAmend && (
        <Field id={`${id}-reason`} label="Reason for the amendment" errors={fieldErrors.reason} hint="Required. The signed original stays in the history.">
          <input id={`${id}-reason`} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={fieldErrors.reason ? true : undefined} />
        </Field>
      )}

      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">Who can see this note</legend>
        <div className="space-y-2 text-sm">
          <label className="flex items-start gap-2">
            <input type="radio" name="visibility" value="care_team" checked={visibility === 'care_team'} onChange={() => setVisibility('care_team')} className="mt-1" />
            <span>
              <span className="font-medium">Care team only</span>
              <span className="block text-slate-500">Clinicians on this patient’s care team.</span>
            </span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="visibility" value="patient" checked={visibility === 'patient'} onChange={() => setVisibility('patient')} className="mt-1" />
            <span>
              <span className="font-medium">Shared with the patient</span>
              <span className="block text-slate-500">The care team, and the patient in their portal once the note is signed.</span>
            </span>
          </label>
        </div>
        {visibility === 'patient' && (
          <p role="note" className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <strong>This note will be shared with the patient.</strong> Once signed, they can read every word of it in their portal. Write it for them, and keep
            team-only remarks in a separate note.
          </p>
        )}
        {fieldErrors.visibility && <p className="mt-1 text-xs text-red-700">{fieldErrors.visibility.join(' ')}</p>}
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <TagPicker
          legend="Tag results"
          empty="No results on this record yet."
          options={resultOptions}
          selected={tags}
          onToggle={toggleTag}
          errorFor={(o) => tagErrors(submittedLinks.indexOf(key(o)))}
        />
        <TagPicker
          legend="Tag care-plan items"
          empty="No care-plan items on this record yet."
          options={interventionOptions}
          selected={tags}
          onToggle={toggleTag}
          errorFor={(o) => tagErrors(submittedLinks.indexOf(key(o)))}
        />
      </div>
      {fieldErrors.links && <p className="text-sm text-red-700">{fieldErrors.links.join(' ')}</p>}
      {[...tags].some((k) => !allTags.some((o) => key(o) === k)) && (
        <p className="text-sm text-slate-600">This note also keeps {[...tags].filter((k) => !allTags.some((o) => key(o) === k)).length} tag(s) to items no longer listed here.</p>
      )}

      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">Tasks for colleagues</legend>
        {tasks.length === 0 && <p className="mb-2 text-sm text-slate-500">Give a colleague on the care team something to do; it stays on their home page until they mark it done.</p>}
        <ul className="space-y-2">
          {tasks.map((t, i) => (
            <li key={t.key} className="grid gap-2 sm:grid-cols-[19rem_1fr_auto] sm:items-start">
              <div>
                <label htmlFor={`${id}-task-${t.key}-who`} className="sr-only">
                  Task {i + 1}: colleague
                </label>
                <select
                  id={`${id}-task-${t.key}-who`}
                  className={inputClass}
                  value={t.assigneeId}
                  onChange={(e) => setTasks((rows) => rows.map((r) => (r.key === t.key ? { ...r, assigneeId: e.target.value } : r)))}
                  aria-invalid={fieldErrors[`tasks.${i}.assigneeId`] ? true : undefined}
                >
                  <option value="">Choose a colleague…</option>
                  {colleagues.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} ({c.specialty})
                    </option>
                  ))}
                </select>
                {fieldErrors[`tasks.${i}.assigneeId`]?.map((e) => (
                  <p key={e} className="mt-1 text-xs text-red-700">
                    {e}
                  </p>
                ))}
              </div>
              <div>
                <label htmlFor={`${id}-task-${t.key}-what`} className="sr-only">
                  Task {i + 1}: what to do
                </label>
                <input
                  id={`${id}-task-${t.key}-what`}
                  className={inputClass}
                  placeholder="e.g. review diet before next derm visit"
                  value={t.description}
                  onChange={(e) => setTasks((rows) => rows.map((r) => (r.key === t.key ? { ...r, description: e.target.value } : r)))}
                  aria-invalid={fieldErrors[`tasks.${i}.description`] ? true : undefined}
                />
                {fieldErrors[`tasks.${i}.description`]?.map((e) => (
                  <p key={e} className="mt-1 text-xs text-red-700">
                    {e}
                  </p>
                ))}
              </div>
              <button type="button" className={secondaryButtonClass} onClick={() => setTasks((rows) => rows.filter((r) => r.key !== t.key))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className={`${secondaryButtonClass} mt-2`}
          disabled={colleagues.length === 0}
          onClick={() => {
            setTasks((rows) => [...rows, { key: nextKey, assigneeId: '', description: '' }]);
            setNextKey((k) => k + 1);
          }}
        >
          + Assign a task
        </button>
        {colleagues.length === 0 && <p className="mt-1 text-xs text-slate-500">No other clinician is on this care team.</p>}
      </fieldset>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
        {isAmend ? (
          <button type="submit" className={primaryButtonClass} disabled={pending}>
            {pending ? 'Saving…' : 'Sign amendment'}
          </button>
        ) : (
          <>
            <button type="button" className={secondaryButtonClass} disabled={pending} onClick={() => submit(false)}>
              {pending && submitted === 'draft' ? 'Saving…' : 'Save draft'}
            </button>
            <button type="button" className={primaryButtonClass} disabled={pending} onClick={() => submit(true)}>
              {pending && submitted === 'sign' ? 'Signing…' : 'Sign note'}
            </button>
            <p className="text-xs text-slate-500">A signed note is locked: later changes are amendments, and the original is kept.</p>
          </>
        )}
      </div>
    </form>
  );
}

/** How many options a picker lists before it offers a search box (a record with 30 scores is common). */
const SEARCH_FROM = 8;

/**
 * Tags grouped by kind (scores by instrument) with a search box, instead of one flat scroll of every
 * result. Ticked tags stay listed while a search hides others, so nothing chosen is out of sight.
 */
function TagPicker({
  legend,
  empty,
  options,
  selected,
  onToggle,
  errorFor,
}: {
  legend: string;
  empty: string;
  options: TagOption[];
  selected: Set<string>;
  onToggle: (o: TagOption) => void;
  errorFor: (o: TagOption) => string[] | undefined;
}) {
  const searchId = useId();
  const [search, setSearch] = useState('');
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = options.filter((o) => selected.has(key(o)) || words.every((w) => `${o.label} ${o.detail ?? ''} ${o.group ?? ''}`.toLowerCase().includes(w)));
  const groups = new Map<string, TagOption[]>();
  for (const o of shown) groups.set(o.group ?? 'Other', [...(groups.get(o.group ?? 'Other') ?? []), o]);
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium text-slate-700">
        {legend}
        {selected.size > 0 && <span className="font-normal text-slate-600"> · {options.filter((o) => selected.has(key(o))).length} ticked</span>}
      </legend>
      {options.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <>
          {options.length >= SEARCH_FROM && (
            <div className="mb-2">
              <label htmlFor={searchId} className="sr-only">
                Search {legend.toLowerCase()}
              </label>
              <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search, e.g. EASI or breath" className={inputClass} />
            </div>
          )}
          <div className="max-h-72 space-y-3 overflow-y-auto rounded-md border border-slate-200 p-2 text-sm" tabIndex={0} role="region" aria-label={legend}>
            {shown.length === 0 && <p className="text-slate-600">Nothing matches “{search}”.</p>}
            {[...groups.entries()].map(([group, items]) => (
              <div key={group} role="group" aria-label={group}>
                <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
                  {group} <span className="font-normal normal-case">({items.length})</span>
                </p>
                <ul className="space-y-1">
                  {items.map((o) => {
                    const errors = errorFor(o);
                    return (
                      <li key={key(o)}>
                        <label className="flex items-start gap-2">
                          <input type="checkbox" className="mt-1" checked={selected.has(key(o))} onChange={() => onToggle(o)} />
                          <span>
                            {o.label}
                            {o.detail && <span className="block text-xs text-slate-600">{o.detail}</span>}
                            {errors?.map((e) => (
                              <span key={e} className="block text-xs text-red-700">
                                {e}
                              </span>
                            ))}
                          </span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}
