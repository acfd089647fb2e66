// Page header, titled panel and empty state: plain markup with no server imports, so a client component can
// use them without pulling the app shell's session policy (and zod) into its first-load JavaScript.

export function PageHeader({ title, description, actions }: { title: string; description?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      </div>
      {actions}
    </div>
  );
}

/** A titled panel. `level={1}` makes its title the page's heading, for pages that are one form. */
export function Card({ title, children, actions, id, level = 2 }: { title: string; children: React.ReactNode; actions?: React.ReactNode; id?: string; level?: 1 | 2 }) {
  const headingId = id ? `${id}-heading` : undefined;
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    // The id on the section, so links such as /patients/…#notes land on it (below the sticky patient banner).
    <section id={id} aria-labelledby={headingId} className="scroll-mt-28 rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <Heading id={headingId} className={level === 1 ? 'text-lg font-semibold' : 'text-base font-semibold'}>
          {title}
        </Heading>
        {actions}
      </div>
      <div className="p-4">{children}</div>
    </section>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="rounded-md border border-dashed border-slate-300 bg-slate-50 px-4 py-6 text-center text-sm text-slate-500">{children}</p>;
}
