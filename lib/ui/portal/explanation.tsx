import type { PlainExplanation } from '@/lib/portal/plain-language';

/** A result's plain-language explanation, with any caution set apart (in words, not only colour). */
export function Explanation({ explanation, headingLevel = 3 }: { explanation: PlainExplanation; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="space-y-2 text-base leading-relaxed text-slate-800">
      <Heading className="text-lg font-semibold text-slate-900">{explanation.headline}</Heading>
      {explanation.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {explanation.caution && (
        <p className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 print:border-slate-400 print:bg-transparent">
          <strong>Please note: </strong>
          {explanation.caution}
        </p>
      )}
    </div>
  );
}
