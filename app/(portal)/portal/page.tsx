import type { Metadata } from 'next';
import { requireActor } from '@/lib/auth/session';
import { getPortalHome } from '@/lib/portal/queries';
import { Card, EmptyState } from '@/lib/ui/app-shell';
import { specialtyLabel } from '@/lib/ui/format';

export const metadata: Metadata = { title: 'My summary' };

export default async function PortalHomePage() {
  const actor = await requireActor(['patient']);
  const home = await getPortalHome(actor);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Hello, {home.givenName}</h1>
        <p className="mt-1 text-sm text-slate-600">This is your Axis summary. Your care team decides what to share here.</p>
      </div>
      <div className="grid gap-6 md:grid-cols-3">
        <div className="md:col-span-2">
          <Card title="Shared with you" id="shared">
            <EmptyState>Your care team has not shared anything with you yet. Results, your plan and notes will appear here when they do.</EmptyState>
          </Card>
        </div>
        <Card title="Your care team" id="team">
          {home.careTeam.length === 0 ? (
            <EmptyState>No clinicians are assigned yet.</EmptyState>
          ) : (
            <ul className="space-y-2 text-sm">
              {home.careTeam.map((m) => (
                <li key={m.name}>
                  <div className="font-medium">{m.name}</div>
                  <div className="text-slate-500">{specialtyLabel(m.specialty)}</div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
