'use client';

import { Link } from '@/lib/ui/link';
import { useActionState, useEffect, useState } from 'react';
import { formatMinutes } from '@/lib/emergency-access/reasons';
import { endEmergencyAccessAction, type EndEmergencyAccessState } from './emergency-actions';
import { clinicTimeZone } from '@/lib/platform/clinic-time';

/**
 * Shown on every page of a record opened by emergency access while the grant runs. Counts down from
 * the seconds the server measured (database clock), so a wrong browser clock cannot mislead.
 */
export function EmergencyBanner({ grantId, secondsLeft, expiresAt }: { grantId: string; secondsLeft: number; expiresAt: string }) {
  const [endState, endAction, ending] = useActionState<EndEmergencyAccessState, FormData>(endEmergencyAccessAction, null);
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const left = secondsLeft - (now - startedAt) / 1000;
  const ends = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: clinicTimeZone(), timeZoneName: 'short' }).format(new Date(expiresAt));
  if (left <= 0) {
    return (
      <div role="alert" className="mb-4 rounded-lg border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800" data-testid="emergency-banner">
        <strong>Your emergency access has ended.</strong> What is on screen is no longer available to you.{' '}
        <Link href="/emergency-access" className="font-medium text-brand-700 hover:underline">
          Request it again
        </Link>{' '}
        if care still cannot wait.
      </div>
    );
  }
  return (
    <div
      role="status"
      className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
      data-testid="emergency-banner"
    >
      <p>
        <strong>Emergency access</strong> — you are not on this patient’s care team. Read-only; every page you open is logged and shown to
        the care team. <span className="font-semibold">{formatMinutes(Math.ceil(left / 60))} left</span> (ends {ends}).
        {endState?.error && <span className="ml-2 font-medium">{endState.error}</span>}
      </p>
      <form action={endAction}>
        <input type="hidden" name="grantId" value={grantId} />
        <button type="submit" disabled={ending} className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-100 disabled:opacity-60">
          {ending ? 'Ending…' : 'End emergency access now'}
        </button>
      </form>
    </div>
  );
}
