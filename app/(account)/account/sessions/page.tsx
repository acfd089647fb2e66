import type { Metadata } from 'next';
import { requireActor } from '@/lib/platform/auth/session';
import { idleLimitSeconds } from '@/lib/platform/auth/session-policy';
import { listOwnSessions, sessionPolicy } from '@/lib/platform/auth/sessions';
import { Card, PageHeader } from '@/lib/ui/app-shell';
import { ScrollRegion } from '@/lib/ui/scroll-region';
import { formatDateTime, formatRelative } from '@/lib/ui/format';
import { RevokeOtherSessionsButton, RevokeSessionButton } from './session-buttons';

export const metadata: Metadata = { title: 'Your sessions' };

export default async function SessionsPage() {
  const actor = await requireActor();
  const now = new Date();
  const sessions = await listOwnSessions(actor, now);
  const policy = sessionPolicy();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <PageHeader
        title="Your sessions"
        description={`Where you are signed in now. A session ends after ${Math.round(idleLimitSeconds(actor.role, policy) / 60)} minutes without activity, ${Math.round(policy.maxAgeSeconds / 3600)} hours after signing in, or when you sign it out here. If you see one you do not recognise, sign it out and tell your clinic administrator.`}
        actions={others > 0 ? <RevokeOtherSessionsButton count={others} /> : undefined}
      />
      <Card title={`Signed in (${sessions.length})`} id="sessions">
        <ScrollRegion label="Your sessions">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="pb-2 font-semibold">Device</th>
                <th scope="col" className="pb-2 font-semibold">Signed in</th>
                <th scope="col" className="pb-2 font-semibold">Last active</th>
                <th scope="col" className="pb-2 font-semibold">Address</th>
                <th scope="col" className="pb-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sessions.map((s) => (
                <tr key={s.id} data-testid="session-row" data-current={s.current ? 'true' : undefined}>
                  <td className="py-2">
                    <span className="font-medium">{s.device}</span>
                    {s.current && <span className="ml-2 rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">This device</span>}
                  </td>
                  <td className="py-2">{formatDateTime(s.signedInAt)}</td>
                  <td className="py-2" title={formatDateTime(s.lastActiveAt)}>
                    {s.current ? 'Now' : formatRelative(s.lastActiveAt, now.toISOString())}
                  </td>
                  <td className="py-2 font-mono text-xs">{s.address ?? 'Unknown'}</td>
                  <td className="py-2 text-right">{!s.current && <RevokeSessionButton sessionId={s.id} device={s.device} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        {others === 0 && <p className="mt-3 text-sm text-slate-500">You are not signed in anywhere else.</p>}
      </Card>
    </>
  );
}
