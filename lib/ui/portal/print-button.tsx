'use client';

/** Opens the browser's print dialog; the page's print styles hide navigation and buttons. */
export function PrintButton({ className }: { className?: string }) {
  return (
    <button type="button" className={className} onClick={() => window.print()}>
      Print this summary
    </button>
  );
}
