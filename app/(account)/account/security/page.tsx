import type { Metadata } from 'next';
import { getMfaOverview } from '@/lib/platform/auth/mfa';
import { requireEnrolmentActor } from '@/lib/platform/auth/session';
import { Card, PageHeader } from '@/lib/ui/app-shell';
import { formatDate } from '@/lib/ui/format';
import { QrCode } from '@/lib/ui/qr-code';
import { BeginEnrolmentButton, ConfirmEnrolmentForm, RegenerateRecoveryCodesForm } from './mfa-forms';

export const metadata: Metadata = { title: 'Two-step sign-in' };

export default async function SecurityPage() {
  const { actor, enrolmentRequired } = await requireEnrolmentActor();
  const mfa = await getMfaOverview(actor);
  const requiredText =
    mfa.requiredBy === 'clinic'
      ? 'Your clinic requires two-step sign-in for all staff.'
      : mfa.requiredBy === 'administrator'
        ? 'Your clinic administrator requires two-step sign-in for your account.'
        : null;
  return (
    <>
      <PageHeader
        title="Two-step sign-in"
        description="After your password, Axis asks for a 6-digit code from an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password), so a stolen password alone cannot open the record."
      />
      {enrolmentRequired && (
        <div role="status" data-testid="mfa-required-notice" className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {requiredText} Set it up below to continue; until then this is the only page you can open.
        </div>
      )}
      <div className="grid max-w-4xl gap-6">
        {mfa.enrolled ? (
          <Card title="Two-step sign-in is on" id="mfa-on">
            <p className="text-sm text-slate-700" data-testid="mfa-status">
              On since {mfa.enabledAt ? formatDate(mfa.enabledAt) : 'set-up'}. {requiredText}
            </p>
            <p className="mt-2 text-sm text-slate-700">
              You have <strong data-testid="recovery-codes-left">{mfa.recoveryCodesLeft}</strong> unused recovery code{mfa.recoveryCodesLeft === 1 ? '' : 's'}.
              {mfa.recoveryCodesLeft <= 3 && ' Make new ones soon, so you can still sign in if you lose your phone.'}
            </p>
            <div className="mt-4 border-t border-slate-100 pt-4">
              <h3 className="mb-2 text-sm font-semibold">New recovery codes</h3>
              <p className="mb-3 text-sm text-slate-600">Makes ten new codes; the old ones stop working at once. Confirm with a current code from your app.</p>
              <RegenerateRecoveryCodesForm />
            </div>
            <p className="mt-4 text-xs text-slate-500">Lost your phone? Sign in with a recovery code, or ask your clinic administrator to reset two-step sign-in.</p>
          </Card>
        ) : mfa.pending ? (
          <Card title="Set up two-step sign-in" id="mfa-setup">
            <ol className="grid gap-6 text-sm md:grid-cols-2">
              <li>
                <p className="mb-3 font-medium">1. Scan this code with your authenticator app.</p>
                <QrCode text={mfa.pending.uri} label="QR code to add Axis to your authenticator app" />
                <p className="mt-3 text-slate-600">Cannot scan? Add an account by hand with this key (time-based):</p>
                <p className="mt-1 break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm tracking-wider" data-testid="mfa-secret">
                  {mfa.pending.secret.match(/.{1,4}/g)?.join(' ')}
                </p>
              </li>
              <li>
                <p className="mb-3 font-medium">2. Enter the 6-digit code the app now shows for Axis.</p>
                <ConfirmEnrolmentForm homeAfter={enrolmentRequired} />
              </li>
            </ol>
          </Card>
        ) : (
          <Card title="Set up two-step sign-in" id="mfa-start">
            <p className="mb-4 text-sm text-slate-700">
              {enrolmentRequired ? '' : `${requiredText ?? 'Two-step sign-in is off for your account.'} `}Setting it up takes a minute: you scan a QR code, type one code to confirm, and save ten recovery codes for when your phone is not at hand. Your other sessions are signed out when it is turned on.
            </p>
            <BeginEnrolmentButton />
          </Card>
        )}
      </div>
    </>
  );
}
