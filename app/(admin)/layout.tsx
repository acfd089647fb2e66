import { requireActor } from '@/lib/platform/auth/session';
import { AppShell } from '@/lib/ui/app-shell';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor(['admin']);
  return (
    <AppShell
      actor={actor}
      nav={[
        { href: '/admin', label: 'Accounts' },
        { href: '/admin/patients', label: 'Care teams' },
        { href: '/admin/audit', label: 'Audit log' },
      ]}
    >
      {children}
    </AppShell>
  );
}
