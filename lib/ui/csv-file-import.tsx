'use client';

import { useRef, useState } from 'react';
import type { CsvError } from '@/lib/clinical/csv-records';

export type CsvLoadOutcome = { ok: true; message: string } | { ok: false; errors: CsvError[] };

/**
 * A lab or device CSV chosen from disk and handed to `load` (which imports its parser only then, so parsers
 * stay out of the first load). A refused file changes nothing: `target` names what was left as it was.
 */
export function CsvFileImport({ id, label, hint, target, load }: { id: string; label: string; hint: string; target: string; load: (text: string, fileName: string) => Promise<CsvLoadOutcome> }) {
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<CsvError[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="rounded-md border border-dashed border-slate-300 bg-slate-50 p-3">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <p className="text-xs text-slate-500">{hint}</p>
      <input
        ref={input}
        id={id}
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        className="mt-2 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-100"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          let outcome: CsvLoadOutcome;
          try {
            outcome = await load(await file.text(), file.name);
          } catch {
            setErrors(null);
            setMessage(`${file.name} could not be read (or the page lost its connection). Nothing in ${target} changed; choose the file again.`);
            if (input.current) input.current.value = '';
            return;
          }
          if (!outcome.ok) {
            setErrors(outcome.errors);
            setMessage(null);
          } else {
            setErrors(null);
            setMessage(outcome.message);
          }
          if (input.current) input.current.value = '';
        }}
      />
      {message && (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          {message}
        </p>
      )}
      {errors && (
        <div role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-medium">The file was not imported; nothing in {target} changed.</p>
          <ul className="mt-1 list-disc pl-5">
            {errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
