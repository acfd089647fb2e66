import { requireActor } from '@/lib/platform/auth/session';
import { countUnreadConversations } from '@/lib/messages/queries';
import { AppShell } from '@/lib/ui/app-shell';

export default async function ClinicianLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(['clinician']);
  return (
    <AppShell
      actor={actor}
      nav={[
        { href: '/patients', label: 'My patients' },
        { href: '/messages', label: 'Messages', badge: await countUnreadConversations(actor) },
        { href: '/outcomes', label: 'Outcomes' },
        { href: '/emergency-access', label: 'Emergency access' },
      ]}
    >
      {children}
    </AppShell>
  );
}
