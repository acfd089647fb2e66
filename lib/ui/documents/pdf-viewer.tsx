'use client';

import { useEffect, useRef, useState } from 'react';

/** More pages than this are not drawn inline (a long scanned letter); the download has them all. */
const MAX_PAGES = 30;

type State = { phase: 'loading' } | { phase: 'shown'; pages: number; drawn: number } | { phase: 'failed'; message: string };

/**
 * Draws a kept PDF's pages onto canvases with pdf.js, in a worker. This is the sandbox: the document is never
 * handed to the browser's own PDF plugin or put in a frame of this site, and pdf.js runs none of a document's
 * scripts (scripting is off, and XFA forms are not run). pdf.js loads only on this page, never in the shared bundle.
 */
export function PdfViewer({ src, title, downloadHref }: { src: string; title: string; downloadHref: string }) {
  const pagesRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ phase: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const container = pagesRef.current;
    let cleanup: (() => void) | undefined;
    (async () => {
      try {
        const response = await fetch(src, { cache: 'no-store', credentials: 'same-origin' });
        if (!response.ok) throw new Error(response.status === 404 ? 'This document is not available to you.' : `The server answered ${response.status}.`);
        const data = new Uint8Array(await response.arrayBuffer());
        const pdfjs = await import('pdfjs-dist');
        const worker = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });
        pdfjs.GlobalWorkerOptions.workerPort = worker;
        const task = pdfjs.getDocument({ data, enableXfa: false, stopAtErrors: false });
        cleanup = () => {
          void task.destroy();
          worker.terminate();
        };
        const pdf = await task.promise;
        if (cancelled || !container) return;
        const total = pdf.numPages;
        const toDraw = Math.min(total, MAX_PAGES);
        setState({ phase: 'shown', pages: total, drawn: 0 });
        const width = Math.max(280, container.clientWidth);
        const ratio = Math.min(window.devicePixelRatio || 1, 2);
        for (let n = 1; n <= toDraw; n++) {
          const page = await pdf.getPage(n);
          if (cancelled) return;
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: (width / base.width) * ratio });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.style.width = '100%';
          canvas.style.height = 'auto';
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', `${title}: page ${n} of ${total}`);
          canvas.dataset.testid = 'pdf-page';
          canvas.className = 'rounded border border-slate-200 bg-white shadow-sm';
          container.appendChild(canvas);
          await page.render({ canvas, viewport }).promise;
          if (cancelled) return;
          setState({ phase: 'shown', pages: total, drawn: n });
        }
      } catch (error) {
        if (!cancelled) setState({ phase: 'failed', message: error instanceof Error && error.message.startsWith('This document') ? error.message : 'The document could not be shown here.' });
      }
    })();
    return () => {
      cancelled = true;
      cleanup?.();
      container?.replaceChildren();
    };
  }, [src, title]);

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="pdf-status">
        {state.phase === 'loading' && 'Loading the document…'}
        {state.phase === 'shown' && (state.pages > MAX_PAGES ? `Showing the first ${MAX_PAGES} of ${state.pages} pages; download it to read the rest.` : `${state.pages} page${state.pages === 1 ? '' : 's'}.`)}
        {state.phase === 'failed' && (
          <span role="alert" className="text-red-800">
            {state.message} You can still <a href={downloadHref} className="underline">download it</a>.
          </span>
        )}
      </p>
      <div ref={pagesRef} className="mx-auto max-w-3xl space-y-4" aria-label={`${title}, pages`} role="group" data-drawn={state.phase === 'shown' ? state.drawn : 0} />
    </div>
  );
}
