'use client';

import { DATABASE_UNAVAILABLE_MESSAGE } from '@/lib/platform/db/unavailable';

// Shown when a page fails to load on the server. In production Next hides the error itself (only a
// digest reaches the browser, details stay in the server log), so the page cannot tell an outage from
// a bug; the usual cause is the database being unreachable (a restart), so that is what it says.
// "Try again" re-fetches the page from the server (retry), not just re-renders the stale error.
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div role="alert" className="max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-lg font-semibold">{DATABASE_UNAVAILABLE_MESSAGE}</h1>
        <p className="mt-2 text-sm text-slate-600">This page could not be loaded. Nothing you saved before has been lost.</p>
        {error.digest && <p className="mt-2 font-mono text-xs text-slate-500">Reference: {error.digest}</p>}
        <button type="button" onClick={() => retry()} className="mt-4 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          Try again
        </button>
      </div>
    </main>
  );
}
