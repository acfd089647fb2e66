/** A titled section of the patient portal: larger type than the clinician pages, prints without its frame. */
export function PortalSection({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm print:break-inside-avoid-page print:rounded-none print:border-0 print:border-t print:p-0 print:pt-4 print:shadow-none sm:p-6">
      <h2 id={`${id}-heading`} className="text-xl font-semibold tracking-tight text-slate-900">
        {title}
      </h2>
      {description && <p className="mt-1 text-base text-slate-700">{description}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

export function PortalEmpty({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg bg-slate-50 px-4 py-4 text-base text-slate-700 print:bg-transparent print:p-0">{children}</p>;
}
