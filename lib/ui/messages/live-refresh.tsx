'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';

/**
 * Keeps an open conversation current without a reload: polls its message count (no message text) every few
 * seconds while the tab is visible, and re-renders the page when it changes. No extra server is needed.
 */
export function LiveRefresh({ conversationId, initial, everyMs = 4000 }: { conversationId: string; initial: { messages: number; retracted: number }; everyMs?: number }) {
  const router = useRouter();
  const last = useRef(`${initial.messages}:${initial.retracted}`);
  useEffect(() => {
    last.current = `${initial.messages}:${initial.retracted}`;
  }, [initial.messages, initial.retracted]);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (stopped || document.visibilityState !== 'visible') return;
      try {
        const response = await fetch(`/api/messages/${conversationId}/state`, { cache: 'no-store' });
        if (!response.ok) return;
        const state = (await response.json()) as { messages: number; retracted: number };
        const key = `${state.messages}:${state.retracted}`;
        if (key !== last.current) {
          last.current = key;
          router.refresh();
        }
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    };
    const timer = setInterval(() => void tick(), everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [conversationId, everyMs, router]);
  return null;
}
