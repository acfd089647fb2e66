'use client';

// Shown when a page fails unexpectedly (for example the database is unreachable). It never shows the
// error itself: details stay in the server log, identified by the digest.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-lg font-semibold">Axis is temporarily unavailable</h1>
        <p className="mt-2 text-sm text-slate-600">
          Something went wrong while loading this page. Nothing you saved has been lost. Please try again in a moment.
        </p>
        {error.digest && <p className="mt-2 font-mono text-xs text-slate-400">Reference: {error.digest}</p>}
        <button type="button" onClick={reset} className="mt-4 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          Try again
        </button>
      </div>
    </main>
  );
}
