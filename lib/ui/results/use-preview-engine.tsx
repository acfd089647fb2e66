'use client';

import { useEffect, useState } from 'react';
import type { Finding, InterpretationFlag } from '@/lib/clinical/interpretation';
import { FindingsList } from './findings-list';
import type { PreviewEngine } from './preview-engine';
import { FlagBadge } from './result-badges';

// One load per page, shared by every form that asks (and kept across client-side navigations).
let engine: Promise<PreviewEngine> | undefined;

/**
 * The result forms' preview engine (schemas and interpretation rules), imported after the form has
 * mounted so it stays out of the page's first-load JavaScript, as chart.js does (lib/ui/charts/chart-canvas.tsx).
 * Null until it has arrived; the form itself works from the first paint, and saving never waits for it
 * (the server validates and interprets on its own).
 */
export function usePreviewEngine(): { engine: PreviewEngine | null; failed: boolean } {
  const [loaded, setLoaded] = useState<PreviewEngine | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let unmounted = false;
    engine ??= import('./preview-engine');
    engine.then(
      (m) => {
        if (!unmounted) setLoaded(m);
      },
      () => {
        // A failed chunk load (network blip) must not stick: the next form to mount tries again.
        engine = undefined;
        if (!unmounted) setFailed(true);
      },
    );
    return () => {
      unmounted = true;
    };
  }, []);
  return { engine: loaded, failed };
}

/** What the preview area says before the engine is there (or if it could not be loaded). */
export function PreviewPending({ failed }: { failed: boolean }) {
  return (
    <p className="text-sm text-slate-500" data-testid="preview-pending">
      {failed ? 'The preview could not be loaded. Saving still checks and interprets everything; reload the page to try the preview again.' : 'Preparing the preview…'}
    </p>
  );
}

/** What the preview area says while the entry is incomplete: what is still missing, in the form's words. */
export function PreviewMissing({ problems, what }: { problems: string[]; what: string }) {
  return (
    <div className="text-sm text-slate-700" data-testid="preview-missing">
      <p>The {what} appear here once the entry is complete. Still needed:</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The "Interpretation (computed)" panel of a result form: waiting for the rules, the computed flag, summary and
 * findings, or what is still missing (`problems` is asked only once the engine is there and nothing computed).
 */
export function InterpretationPreview({ ready, failed, preview, problems }: { ready: boolean; failed: boolean; preview: { flag: InterpretationFlag; summary: string; findings: Finding[] } | null; problems: () => string[] }) {
  return (
    <section aria-label="Interpretation preview" aria-live="polite" className="rounded-md border border-slate-200 p-3">
      <h2 className="mb-2 text-sm font-semibold text-slate-800">Interpretation (computed)</h2>
      {!ready ? (
        <PreviewPending failed={failed} />
      ) : preview ? (
        <div className="space-y-2">
          <p className="flex items-center gap-2 text-sm font-medium">
            <FlagBadge flag={preview.flag} /> {preview.summary}
          </p>
          <FindingsList findings={preview.findings} />
        </div>
      ) : (
        <PreviewMissing what="interpretation" problems={problems()} />
      )}
    </section>
  );
}
