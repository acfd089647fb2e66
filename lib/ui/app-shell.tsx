import { Link } from '@/lib/ui/link';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { idleLimitSeconds, sessionPolicy } from '@/lib/platform/auth/session-policy';
import { specialtyLabel } from './format';
import { IdleRefresh } from './idle-refresh';
import { SignOutButton } from './sign-out-button';

export interface NavItem {
  href: string;
  label: string;
  /** A count shown beside the label (unread messages); read out as "N unread". */
  badge?: number;
}

const ROLE_LABEL = { clinician: '', patient: 'Patient portal', admin: 'Administrator' } as const;

/** The frame of every signed-in page: who is signed in, where they can go, and signing out. */
export function AppShell({ actor, nav, children }: { actor: Actor; nav: NavItem[]; children: React.ReactNode }) {
  const roleText = actor.role === 'clinician' ? specialtyLabel(actor.specialty) : ROLE_LABEL[actor.role];
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-8 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-brand-800">
            <span aria-hidden className="inline-block h-6 w-6 rounded-full bg-gradient-to-br from-brand-600 to-amber-400" />
            Axis
          </Link>
          <nav aria-label="Main" className="flex flex-1 flex-wrap gap-1">
            {nav.map((item) => (
              <Link key={item.href} href={item.href} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
                {item.label}
                {item.badge ? (
                  <span className="ml-1.5 rounded-full bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="nav-badge">
                    {item.badge}
                    <span className="sr-only"> unread</span>
                  </span>
                ) : null}
              </Link>
            ))}
          </nav>
          <div className="flex items-center gap-3">
            <div className="text-right text-sm leading-tight">
              <div className="font-medium" data-testid="signed-in-name">
                {actor.name}
              </div>
              {roleText && <div className="text-slate-500">{roleText}</div>}
            </div>
            <Link href="/account/sessions" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Your account
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6 print:max-w-none print:p-0">{children}</main>
      <IdleRefresh afterSeconds={idleLimitSeconds(actor.role, sessionPolicy())} />
    </div>
  );
}

// The panels pages are built from live in ./panels (no server imports), so client components can use them too.
export { Card, EmptyState, PageHeader } from './panels';
