import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { signedInDestination } from '@/lib/platform/auth/session';
import { parseSignedOutReason, signedOutMessage } from '@/lib/platform/auth/session-policy';
import { sessionPolicy } from '@/lib/platform/auth/sessions';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const destination = await signedInDestination();
  if (destination) redirect(destination);
  const reason = parseSignedOutReason((await searchParams).reason);
  const policy = sessionPolicy();
  const notice = reason
    ? signedOutMessage(reason, {
        idleMinutes: Math.round(policy.staffIdleSeconds / 60),
        patientIdleMinutes: Math.round(policy.patientIdleSeconds / 60),
        maxHours: Math.round(policy.maxAgeSeconds / 3600),
      })
    : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-50 via-slate-50 to-amber-50 px-4">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <div className="mb-3 flex items-center justify-center gap-2 text-2xl font-semibold tracking-tight text-brand-800">
            <span aria-hidden className="inline-block h-8 w-8 rounded-full bg-gradient-to-br from-brand-600 to-amber-400" />
            Axis
          </div>
          <p className="text-sm text-slate-600">Dermatology and nutrition, one shared record.</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          {notice && (
            <p role="status" data-testid="signed-out-notice" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {notice}
            </p>
          )}
          <SignInForm />
        </div>
        <p className="mt-4 text-center text-xs text-slate-500">
          Axis holds health information. Access is logged; sign out on shared computers.
        </p>
      </div>
    </main>
  );
}
