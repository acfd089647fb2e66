'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Clears the screen of a tab left open: once the idle limit has passed since this page was loaded,
 * ask the server again. If the session idled out, the layout's check sends the tab to sign-in (with
 * the reason); if a request kept it alive meanwhile, the page simply refreshes, keeping what was typed.
 */
export function IdleRefresh({ afterSeconds }: { afterSeconds: number }) {
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    // A little past the limit, so the server sees it reached.
    const timer = window.setTimeout(() => router.refresh(), afterSeconds * 1000 + 5_000);
    return () => window.clearTimeout(timer);
  }, [afterSeconds, pathname, router]);
  return null;
}
