import { requireActor } from '@/lib/platform/auth/session';
import { countUnreadConversations } from '@/lib/messages/queries';
import { AppShell } from '@/lib/ui/app-shell';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(['patient']);
  return (
    <AppShell
      actor={actor}
      nav={[
        { href: '/portal', label: 'My summary' },
        { href: '/portal/questionnaires', label: 'Questionnaires' },
        { href: '/portal/diary', label: 'Diary' },
        { href: '/portal/photos', label: 'Photos' },
        { href: '/portal/documents', label: 'Documents' },
        { href: '/portal/messages', label: 'Messages', badge: await countUnreadConversations(actor) },
      ]}
    >
      {children}
    </AppShell>
  );
}
