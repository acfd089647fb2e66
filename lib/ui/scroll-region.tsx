/**
 * A horizontally scrolling wrapper for a wide table: focusable and named, so keyboard users can scroll
 * it (WCAG 2.1.1; axe scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
