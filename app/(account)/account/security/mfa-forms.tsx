'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { beginMfaEnrolmentAction, confirmMfaEnrolmentAction, regenerateRecoveryCodesAction, type AccountFormState, type RecoveryCodesState } from '../actions';

export function BeginEnrolmentButton() {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(beginMfaEnrolmentAction, null);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Preparing…' : 'Set up two-step sign-in'}
      </button>
    </form>
  );
}

function CodeInput({ errors, defaultValue }: { errors?: string[]; defaultValue?: string }) {
  return (
    <Field id="code" label="Authentication code" errors={errors}>
      <input
        id="code"
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        placeholder="123456"
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? 'code-error' : undefined}
        className={`${inputClass} max-w-40 font-mono text-lg tracking-widest`}
      />
    </Field>
  );
}

/** Shown once, right after they are made; only their hashes are stored. */
function RecoveryCodes({ codes, continueHref }: { codes: string[]; continueHref: string }) {
  return (
    <div className="space-y-3" data-testid="recovery-codes">
      <p className="text-sm font-medium text-slate-800">
        Save these recovery codes somewhere safe (a password manager, or printed and locked away). Each works once, instead of a code from your phone. They will not be shown again.
      </p>
      <ol className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-sm">
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2 print:hidden">
        <button type="button" className={secondaryButtonClass} onClick={() => void navigator.clipboard?.writeText(codes.join('\n'))}>
          Copy codes
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => window.print()}>
          Print codes
        </button>
        {/* A full page load: the page below re-reads the now-changed state. */}
        <a href={continueHref} className={primaryButtonClass}>
          I have saved them — continue
        </a>
      </div>
    </div>
  );
}

export function ConfirmEnrolmentForm({ homeAfter }: { homeAfter: boolean }) {
  const [state, action, pending] = useActionState<RecoveryCodesState, FormData>(confirmMfaEnrolmentAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Two-step sign-in is on. From now on Axis asks for a code after your password. Your other sessions were signed out.
        </p>
        <RecoveryCodes codes={state.data.recoveryCodes} continueHref={homeAfter ? '/' : '/account/security'} />
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3" noValidate>
      {!state?.ok && !state?.fieldErrors && <FormMessage state={state} />}
      <CodeInput errors={state?.ok === false ? state.fieldErrors?.code : undefined} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Checking…' : 'Turn on two-step sign-in'}
      </button>
    </form>
  );
}

export function RegenerateRecoveryCodesForm() {
  const [state, action, pending] = useActionState<RecoveryCodesState, FormData>(regenerateRecoveryCodesAction, null);
  if (state?.ok) return <RecoveryCodes codes={state.data.recoveryCodes} continueHref="/account/security" />;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      {state?.ok === false && !state.fieldErrors && (
        <div className="w-full">
          <FormMessage state={state} />
        </div>
      )}
      <CodeInput errors={state?.ok === false ? state.fieldErrors?.code : undefined} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? 'Making codes…' : 'Make new recovery codes'}
      </button>
    </form>
  );
}
