// Small, consistent form pieces: every input has a visible label and shows its own errors beside it.

export function Field({ id, label, errors, children, hint }: { id: string; label: string; errors?: string[]; children: React.ReactNode; hint?: string }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !errors?.length && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {errors?.map((e) => (
        <p key={e} id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {e}
        </p>
      ))}
    </div>
  );
}

export const inputClass = 'w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-500';
export const primaryButtonClass = 'rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 disabled:opacity-60';
export const secondaryButtonClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-60';
/** A file chooser, its button styled like the secondary buttons. */
export const fileInputClass = 'block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium';
export const dangerButtonClass = 'rounded-md border border-red-200 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60';

export function FormMessage({ state }: { state: { ok: boolean; error?: string } | null }) {
  if (!state || state.ok || !state.error) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {state.error}
    </div>
  );
}
