import { citationsFor } from '@/lib/clinical-sources';

/**
 * The sources behind a rule, as readable citations with links (lib/clinical-sources.ts), never the
 * internal keys the rules store. Links open in a new tab so a form in progress is not left.
 */
export function Citations({ source, label = 'Source', className = 'text-xs text-slate-700' }: { source: string | null | undefined; label?: string; className?: string }) {
  const citations = citationsFor(source);
  if (citations.length === 0) return null;
  return (
    <span className={className} data-testid="citations">
      {label}
      {citations.length > 1 ? 's' : ''}:{' '}
      {citations.map((c, i) => (
        <span key={c.label}>
          {i > 0 && '; '}
          {c.url ? (
            <a href={c.url} target="_blank" rel="noopener noreferrer" className="underline underline-offset-2 hover:no-underline">
              {c.label}
            </a>
          ) : (
            c.label
          )}
        </span>
      ))}
    </span>
  );
}
