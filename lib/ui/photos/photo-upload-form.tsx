'use client';

import { useState } from 'react';
import { BODY_SITE_IDS, BODY_SITES, type BodySite } from '@/lib/photos/sites';
import { fileInputClass, Field, inputClass, primaryButtonClass } from '@/lib/ui/form-controls';
import type { ComposerState } from '@/lib/ui/messages/message-composer';

/** Mirrors MAX_PHOTO_BYTES (lib/photos/process.ts, server-only): the browser refuses early, the server again. */
const MAX_BYTES = 15 * 1024 * 1024;

type Status = { name: string; state: 'waiting' | 'sending' | 'saved' | 'refused'; message?: string };

/**
 * Several photos at once (on a phone, straight from the camera): each is sent on its own, so one refused photo
 * does not lose the others, and each says what happened to it. The details apply to every photo chosen.
 */
export function PhotoUploadForm({
  action,
  today,
  scores,
  notes,
}: {
  action: (prev: ComposerState, form: FormData) => Promise<ComposerState>;
  today: string;
  scores?: { id: string; label: string }[];
  /** Visit notes to link to (care team only): id is the note's series. */
  notes?: { id: string; label: string }[];
}) {
  const [files, setFiles] = useState<File[]>([]);
  const [site, setSite] = useState<BodySite | ''>('');
  const [detail, setDetail] = useState('');
  const [takenOn, setTakenOn] = useState('');
  const [caption, setCaption] = useState('');
  const [scoreId, setScoreId] = useState('');
  const [noteId, setNoteId] = useState('');
  const [statuses, setStatuses] = useState<Status[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(e: React.FormEvent) {
    e.preventDefault();
    setFormError(null);
    if (files.length === 0) return setFormError('Choose at least one photo.');
    if (!site) return setFormError('Choose where on the body the photos were taken.');
    setBusy(true);
    const next: Status[] = files.map((f) => ({ name: f.name, state: f.size > MAX_BYTES ? 'refused' : 'waiting', message: f.size > MAX_BYTES ? 'Larger than 15 MB: not sent.' : undefined }));
    setStatuses([...next]);
    for (const [i, file] of files.entries()) {
      if (next[i]?.state === 'refused') continue;
      next[i] = { name: file.name, state: 'sending' };
      setStatuses([...next]);
      const form = new FormData();
      form.set('file', file);
      form.set('bodySite', site);
      form.set('bodySiteDetail', detail);
      form.set('takenOn', takenOn);
      form.set('caption', caption);
      form.set('scoreResultId', scoreId);
      if (notes) form.set('noteSeriesId', noteId);
      try {
        const result = await action(null, form);
        next[i] = result?.ok ? { name: file.name, state: 'saved' } : { name: file.name, state: 'refused', message: result && !result.ok ? result.error : 'Not saved.' };
      } catch {
        next[i] = { name: file.name, state: 'refused', message: 'The connection failed; this photo was not saved. Try it again.' };
      }
      setStatuses([...next]);
    }
    setBusy(false);
    if (next.every((s) => s.state === 'saved')) setFiles([]);
  }

  return (
    <form onSubmit={send} className="space-y-4">
      <Field id="photo-files" label="Photos" hint="JPEG, PNG or WebP, up to 15 MB each. On a phone you can take them with the camera.">
        <input
          id="photo-files"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
          multiple
          onChange={(e) => {
            setFiles([...(e.target.files ?? [])]);
            setStatuses([]);
          }}
          className={fileInputClass}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="photo-site" label="Body site">
          <select id="photo-site" value={site} onChange={(e) => setSite(e.target.value as BodySite)} className={inputClass}>
            <option value="">Choose…</option>
            {BODY_SITE_IDS.map((s) => (
              <option key={s} value={s}>
                {BODY_SITES[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="photo-site-detail" label={site === 'other' ? 'Describe the site' : 'Site detail (optional)'}>
          <input id="photo-site-detail" value={detail} onChange={(e) => setDetail(e.target.value)} maxLength={80} className={inputClass} />
        </Field>
        <Field id="photo-date" label="Date taken (optional)" hint={`The camera's own date is used when the photo has one; otherwise today (${today}).`}>
          <input id="photo-date" type="date" max={today} value={takenOn} onChange={(e) => setTakenOn(e.target.value)} className={inputClass} />
        </Field>
        {scores && scores.length > 0 && (
          <Field id="photo-score" label="Link to a score (optional)">
            <select id="photo-score" value={scoreId} onChange={(e) => setScoreId(e.target.value)} className={inputClass}>
              <option value="">None</option>
              {scores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        {notes && notes.length > 0 && (
          <Field id="photo-note" label="Link to a visit note (optional)">
            <select id="photo-note" value={noteId} onChange={(e) => setNoteId(e.target.value)} className={inputClass}>
              <option value="">None</option>
              {notes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <Field id="photo-caption" label="Caption (optional)">
        <input id="photo-caption" value={caption} onChange={(e) => setCaption(e.target.value)} maxLength={500} className={inputClass} />
      </Field>
      {formError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      )}
      {statuses.length > 0 && (
        <ul className="space-y-1 text-sm" aria-label="Upload progress" aria-live="polite">
          {statuses.map((s, i) => (
            <li key={`${s.name}-${i}`} className={s.state === 'refused' ? 'text-red-800' : s.state === 'saved' ? 'text-emerald-800' : 'text-slate-700'}>
              {s.name}: {s.state === 'waiting' ? 'waiting' : s.state === 'sending' ? 'sending…' : s.state === 'saved' ? 'saved' : `not saved. ${s.message ?? ''}`}
            </li>
          ))}
        </ul>
      )}
      <button type="submit" disabled={busy} className={primaryButtonClass}>
        {busy ? 'Uploading…' : files.length > 1 ? `Upload ${files.length} photos` : 'Upload photo'}
      </button>
    </form>
  );
}
