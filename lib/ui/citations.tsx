import { citationsFor } from '@/lib/clinical/sources';

/**
 * The sources behind a rule, as readable citations with links (lib/clinical/sources.ts), never the
 * internal keys the rules store. Links open in a new tab so a form in progress is not left.
 */
export function Citations({
  source,
  label = 'Source',
  pluralLabel = `${label}s`,
  className = 'text-xs text-slate-700',
}: {
  source: string | null | undefined;
  label?: string;
  /** The label before two or more citations ("Sources"); give it when adding an s is wrong. */
  pluralLabel?: string;
  className?: string;
}) {
  const citations = citationsFor(source);
  if (citations.length === 0) return null;
  return (
    <span className={className} data-testid="citations">
      {citations.length > 1 ? pluralLabel : label}:{' '}
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
