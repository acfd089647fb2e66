'use client';

import { useId, useState, useTransition } from 'react';
import type { ImportPreview } from '@/lib/fhir/preview';
import { formatDate } from '@/lib/ui/format';
import type { ResultKind } from '@/lib/results/result-kinds';
import { fileInputClass, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { bundleSizeError, readBundleStream, utf8ByteLength } from '@/lib/fhir/bundle-limits';
import { unstable_rethrow } from 'next/navigation';
import { previewFhirImportAction, saveFhirImportAction } from './actions';
import { ScrollRegion } from '@/lib/ui/scroll-region';

const SEND_FAILED = 'The bundle could not be sent to the server. Check the connection and try again; your text is kept and nothing was imported.';

const KIND_LABELS: Record<ResultKind, string> = { breath_test: 'Breath test', h_pylori: 'H. pylori', food_panel: 'Food panel', score: 'Score', stool_test: 'Stool test' };
const FLAG_CLASSES: Record<string, string> = {
  abnormal: 'bg-red-50 text-red-800 ring-red-200',
  normal: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  indeterminate: 'bg-amber-50 text-amber-800 ring-amber-200',
  info: 'bg-slate-50 text-slate-700 ring-slate-200',
};

/** Upload or paste → preview (what will be created, what will not and why) → confirm. The text stays on any error. */
export function FhirImportForm({ patientId, patientLabel }: { patientId: string; patientLabel: string }) {
  const ids = { file: useId(), text: useId(), confirm: useId() };
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmIdentity, setConfirmIdentity] = useState(false);
  const [pending, start] = useTransition();

  const changeText = (value: string) => {
    setText(value);
    // A preview belongs to the exact text it was made from.
    setPreview(null);
    setConfirmIdentity(false);
  };

  const readFile = async (file: File | undefined) => {
    setError(null);
    if (!file) return;
    // file.size is in bytes, as the server counts.
    const tooLarge = bundleSizeError(file.size);
    if (tooLarge) {
      setError(`${file.name}: ${tooLarge}`);
      return;
    }
    // Read as a stream: strict UTF-8, bytes counted as they arrive, nesting checked chunk by chunk.
    const read = await readBundleStream(file.stream());
    if (!read.ok) {
      setError(`${file.name}: ${read.error}`);
      return;
    }
    setFileName(file.name);
    changeText(read.text);
  };

  const runPreview = () => {
    setError(null);
    const tooLarge = bundleSizeError(utf8ByteLength(text));
    if (tooLarge) {
      setError(tooLarge);
      return;
    }
    start(async () => {
      try {
        const outcome = await previewFhirImportAction(patientId, text);
        if (outcome.ok) setPreview(outcome.preview);
        else {
          setPreview(null);
          setError(outcome.error);
        }
      } catch {
        // The request itself failed (the connection, or a body the server would not take): the text stays.
        setPreview(null);
        setError(SEND_FAILED);
      }
    });
  };

  const save = () => {
    if (!preview) return;
    setError(null);
    start(async () => {
      try {
        const outcome = await saveFhirImportAction(patientId, { text, fingerprint: preview.fingerprint, confirmIdentity });
        // Success redirects to the record; only a refusal comes back.
        if (outcome) setError(outcome.error);
      } catch (error) {
        // Next's own navigation signals (the redirect after a save) pass through; anything else is a failed send.
        unstable_rethrow(error);
        setError(SEND_FAILED);
      }
    });
  };

  const mismatched = [...(preview?.candidates ?? []), ...(preview?.documents ?? [])].filter((c) => c.identityMismatch);
  const resultsLabel = (n: number) => `${n} result${n === 1 ? '' : 's'}`;
  const documentsLabel = (n: number) => `${n} document${n === 1 ? '' : 's'}`;
  const importLabel = preview ? [preview.candidates.length ? resultsLabel(preview.candidates.length) : '', preview.documents.length ? documentsLabel(preview.documents.length) : ''].filter(Boolean).join(' and ') : '';

  return (
    <div className="space-y-5">
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={ids.file} className="mb-1 block text-sm font-medium text-slate-700">
            Bundle file (.json)
          </label>
          <input
            id={ids.file}
            type="file"
            accept=".json,application/json,application/fhir+json"
            className={fileInputClass}
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
          {fileName && <p className="mt-1 text-xs text-slate-500">Loaded {fileName}; its JSON is shown alongside and can be edited.</p>}
        </div>
        <div>
          <label htmlFor={ids.text} className="mb-1 block text-sm font-medium text-slate-700">
            Or paste the Bundle JSON
          </label>
          <textarea id={ids.text} className={`${inputClass} h-40 font-mono text-xs`} value={text} spellCheck={false} onChange={(e) => changeText(e.target.value)} aria-invalid={Boolean(error) && !preview} />
        </div>
      </div>

      {error && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </div>
      )}

      <div className="flex flex-wrap gap-2">
        <button type="button" className={primaryButtonClass} onClick={runPreview} disabled={pending || text.trim() === ''}>
          {pending && !preview ? 'Reading…' : 'Preview import'}
        </button>
      </div>

      {preview && (
        <section aria-labelledby="fhir-preview-heading" className="space-y-5 border-t border-slate-200 pt-5">
          <h2 id="fhir-preview-heading" className="text-lg font-semibold">
            Preview for {patientLabel}
          </h2>

          <div>
            <h2 className="mb-2 text-sm font-semibold text-slate-800">Will be created ({preview.candidates.length})</h2>
            {preview.candidates.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing in this bundle can be imported.</p>
            ) : (
              <ScrollRegion label="Results to be created">
                <table className="w-full text-left text-sm" aria-label="Results to be created">
                  <thead className="text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="pb-2 pr-3 font-semibold">Kind</th>
                      <th scope="col" className="pb-2 pr-3 font-semibold">Date</th>
                      <th scope="col" className="pb-2 pr-3 font-semibold">Result</th>
                      <th scope="col" className="pb-2 pr-3 font-semibold">From</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100 align-top">
                    {preview.candidates.map((c) => (
                      <tr key={c.key}>
                        <td className="py-2 pr-3 whitespace-nowrap">{KIND_LABELS[c.kind] ?? c.kind}</td>
                        <td className="py-2 pr-3 whitespace-nowrap">{formatDate(c.effectiveDate)}</td>
                        <td className="py-2 pr-3">
                          <div className="font-medium">{c.title}</div>
                          <div className="mt-0.5 flex flex-wrap items-center gap-2">
                            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${FLAG_CLASSES[c.flag] ?? FLAG_CLASSES.info}`}>{c.flag}</span>
                            <span className="text-slate-600">{c.summary}</span>
                          </div>
                          {c.identityMismatch && <p className="mt-1 text-xs font-medium text-red-700">⚠ {c.identityMismatch}</p>}
                        </td>
                        <td className="py-2 pr-3 font-mono text-xs text-slate-500">{c.sources.join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </div>

          {preview.documents.length > 0 && (
            <div>
              <h2 className="mb-2 text-sm font-semibold text-slate-800">Documents to keep ({preview.documents.length})</h2>
              <ul className="space-y-2 text-sm" aria-label="Documents to keep">
                {preview.documents.map((d) => (
                  <li key={d.key} className="rounded-md border border-slate-200 px-3 py-2">
                    <div className="font-medium text-slate-800">
                      {d.title} <span className="font-mono text-xs font-normal text-slate-500">{d.source}</span>
                    </div>
                    <div className="text-slate-700">
                      {d.categoryLabel} · {formatDate(d.documentDate)} · PDF, {Math.max(1, Math.round(d.byteSize / 1024))} kB{d.relatedTo ? ` · with ${d.relatedTo}` : ''}
                    </div>
                    {d.identityMismatch && <p className="mt-1 text-xs font-medium text-red-700">⚠ {d.identityMismatch}</p>}
                  </li>
                ))}
              </ul>
            </div>
          )}

          <div>
            <h2 className="mb-2 text-sm font-semibold text-slate-800">Not imported ({preview.notImported.length})</h2>
            {preview.notImported.length === 0 ? (
              <p className="text-sm text-slate-600">Everything in the bundle was understood.</p>
            ) : (
              <ul className="space-y-2 text-sm" aria-label="Not imported">
                {preview.notImported.map((n, i) => (
                  <li key={`${n.source}-${i}`} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2">
                    <div className="font-medium text-slate-800">
                      {n.description} <span className="font-mono text-xs font-normal text-slate-500">{n.source}</span>
                    </div>
                    <div className="text-slate-700">{n.reason}</div>
                  </li>
                ))}
              </ul>
            )}
          </div>

          {mismatched.length > 0 && (
            <label htmlFor={ids.confirm} className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
              <input id={ids.confirm} type="checkbox" className="mt-1" checked={confirmIdentity} onChange={(e) => setConfirmIdentity(e.target.checked)} />
              <span>
                {mismatched.length} item(s) are marked for a different patient identifier. I have checked that they belong to {patientLabel}.
              </span>
            </label>
          )}

          <div className="flex flex-wrap gap-2">
            <button type="button" className={primaryButtonClass} onClick={save} disabled={pending || (preview.candidates.length === 0 && preview.documents.length === 0) || (mismatched.length > 0 && !confirmIdentity)}>
              {pending ? 'Saving…' : importLabel ? `Import ${importLabel}` : 'Nothing to import'}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setPreview(null)} disabled={pending}>
              Back to the bundle
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
