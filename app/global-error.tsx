'use client';

import { DATABASE_UNAVAILABLE_MESSAGE } from '@/lib/platform/db/unavailable';
import './globals.css';

// Replaces the root layout when the layout itself fails. Like app/error.tsx it never shows the error
// (only its digest, which identifies it in the server log) and offers a retry that re-fetches.
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <title>Axis is temporarily unavailable</title>
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
      </body>
    </html>
  );
}
