'use client';

import { useId, useState } from 'react';
import { describeDateEntry, parseDateEntry } from '@/lib/platform/clinic-time';
import { inputClass } from './form-controls';

/**
 * A date typed the unambiguous way: YYYY-MM-DD (or "4 Dec 2026"), never the browser's locale-dependent
 * mm/dd/yyyy picker, with the date read back in words beneath so a slip shows before saving.
 * Controlled (value/onChange: the ISO date as soon as the text is a real day, the text otherwise) or
 * uncontrolled (name/defaultValue: a hidden field carries the ISO date to the form).
 */
export function DateInput({
  id,
  name,
  value,
  defaultValue,
  onChange,
  invalid,
  required,
  className = inputClass,
}: {
  id?: string;
  name?: string;
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  invalid?: boolean;
  required?: boolean;
  className?: string;
}) {
  const fallbackId = useId();
  const inputId = id ?? fallbackId;
  const [text, setText] = useState(value ?? defaultValue ?? '');
  // A controlled value changed from outside (a CSV import, "today", a reset): show it.
  const [lastValue, setLastValue] = useState(value);
  if (value !== undefined && value !== lastValue) {
    setLastValue(value);
    if (parseDateEntry(text) !== value) setText(value);
  }
  const iso = parseDateEntry(text);
  const readsAs = text.trim() === '' ? null : iso ? describeDateEntry(iso) : null;
  return (
    <>
      <input
        id={inputId}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="YYYY-MM-DD"
        value={text}
        required={required}
        aria-invalid={invalid || (text.trim() !== '' && !iso) || undefined}
        aria-describedby={`${inputId}-reads`}
        onChange={(e) => {
          setText(e.target.value);
          onChange?.(parseDateEntry(e.target.value) ?? e.target.value);
        }}
        onBlur={() => {
          if (iso && iso !== text) setText(iso);
        }}
        className={className}
      />
      {name && <input type="hidden" name={name} value={iso ?? text} />}
      <p id={`${inputId}-reads`} className="mt-1 text-xs text-slate-600" aria-live="polite">
        {readsAs ? readsAs : text.trim() === '' ? 'YYYY-MM-DD, e.g. 2026-12-04' : 'Not a date yet: type it as YYYY-MM-DD, e.g. 2026-12-04, or 4 Dec 2026.'}
      </p>
    </>
  );
}
