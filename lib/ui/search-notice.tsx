import { SEARCH_NUL_NOTICE } from '@/lib/platform/search-text';

/** Says that a search's unusable character was removed, so the results are not a silent surprise. */
export function SearchNulNotice({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <p role="status" data-testid="search-notice" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-950">
      {SEARCH_NUL_NOTICE}
    </p>
  );
}
