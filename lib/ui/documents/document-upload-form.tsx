'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_IDS, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB, type DocumentCategory } from '@/lib/documents/categories';
import { fileInputClass, Field, inputClass, primaryButtonClass } from '@/lib/ui/form-controls';
import type { ComposerState } from '@/lib/ui/messages/message-composer';

/**
 * Attach one PDF (a lab's report, a referral or clinic letter) to the record, and optionally to one result.
 * Nothing typed or chosen is lost on a refusal: the fields and the chosen file stay as they were.
 */
export function DocumentUploadForm({
  action,
  today,
  results,
  initialResult,
}: {
  action: (prev: ComposerState, form: FormData) => Promise<ComposerState>;
  today: string;
  results: { seriesId: string; label: string }[];
  initialResult?: string;
}) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [category, setCategory] = useState<DocumentCategory | ''>(initialResult ? 'lab_report' : '');
  const [title, setTitle] = useState('');
  const [documentDate, setDocumentDate] = useState('');
  const [resultSeriesId, setResultSeriesId] = useState(initialResult ?? '');
  const [state, setState] = useState<ComposerState>(null);
  const [busy, setBusy] = useState(false);
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  async function send(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return setState({ ok: false, error: 'Choose a PDF to attach.', fieldErrors: { file: ['Choose a PDF to attach.'] } });
    if (file.size > MAX_DOCUMENT_BYTES) return setState({ ok: false, error: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; documents can be up to ${MAX_DOCUMENT_MB} MB.`, fieldErrors: { file: ['Too large.'] } });
    const form = new FormData();
    form.set('file', file);
    form.set('category', category);
    form.set('title', title);
    form.set('documentDate', documentDate);
    form.set('resultSeriesId', resultSeriesId);
    setBusy(true);
    try {
      const outcome = await action(null, form);
      setState(outcome);
      if (outcome?.ok) {
        setFile(null);
        setTitle('');
        (e.target as HTMLFormElement).reset();
        router.refresh();
      }
    } catch {
      setState({ ok: false, error: 'The connection failed; the document was not saved. Try again: your choices are still here.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={send} className="space-y-4" noValidate>
      <Field id="document-file" label="PDF file" hint={`A PDF up to ${MAX_DOCUMENT_MB} MB.`} errors={errors?.file}>
        <input
          id="document-file"
          type="file"
          accept="application/pdf,.pdf"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            setState(null);
            if (chosen && !title) setTitle(chosen.name.replace(/\.pdf$/i, '').slice(0, 200));
          }}
          className={fileInputClass}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="document-category" label="Kind of document" errors={errors?.category}>
          <select id="document-category" value={category} onChange={(e) => setCategory(e.target.value as DocumentCategory)} className={inputClass} aria-invalid={Boolean(errors?.category)}>
            <option value="">Choose…</option>
            {DOCUMENT_CATEGORY_IDS.map((c) => (
              <option key={c} value={c}>
                {DOCUMENT_CATEGORIES[c]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="document-title" label="Title" errors={errors?.title}>
          <input id="document-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} className={inputClass} aria-invalid={Boolean(errors?.title)} />
        </Field>
        <Field id="document-date" label="Date on the document (optional)" hint={`When left blank: the result’s date if it belongs to one, otherwise today (${today}).`} errors={errors?.documentDate}>
          <input id="document-date" type="date" max={today} value={documentDate} onChange={(e) => setDocumentDate(e.target.value)} className={inputClass} aria-invalid={Boolean(errors?.documentDate)} />
        </Field>
        <Field id="document-result" label="Belongs to a result (optional)" errors={errors?.resultSeriesId}>
          <select id="document-result" value={resultSeriesId} onChange={(e) => setResultSeriesId(e.target.value)} className={inputClass}>
            <option value="">None: the record as a whole</option>
            {results.map((r) => (
              <option key={r.seriesId} value={r.seriesId}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={`rounded-md border px-3 py-2 text-sm ${state.ok ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-red-200 bg-red-50 text-red-800'}`}>
          {state.ok ? 'Attached.' : state.error}
        </p>
      )}
      <button type="submit" disabled={busy} className={primaryButtonClass}>
        {busy ? 'Attaching…' : 'Attach document'}
      </button>
    </form>
  );
}
