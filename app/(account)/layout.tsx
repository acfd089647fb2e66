import { homePathFor, requireEnrolmentActor } from '@/lib/platform/auth/session';
import { AppShell } from '@/lib/ui/app-shell';

const HOME_LABEL = { clinician: 'My patients', patient: 'My summary', admin: 'Accounts' } as const;

// The signed-in person's own account, for every role. While required two-step sign-in is not yet
// set up, the set-up page is the only one reachable (lib/platform/auth/session.ts enforces it per request).
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const { actor, enrolmentRequired } = await requireEnrolmentActor();
  const nav = enrolmentRequired
    ? [{ href: '/account/security', label: 'Two-step sign-in' }]
    : [
        { href: homePathFor(actor.role), label: HOME_LABEL[actor.role] },
        { href: '/account/sessions', label: 'Sessions' },
        { href: '/account/security', label: 'Two-step sign-in' },
        { href: '/account/notifications', label: 'Notifications' },
      ];
  return (
    <AppShell actor={actor} nav={nav}>
      {children}
    </AppShell>
  );
}
