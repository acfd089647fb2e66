'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

const UNREACHABLE = 'We could not reach Axis. Check your connection and try again.';
// Must equal MFA_CODE_REQUIRED in lib/platform/auth/credentials.ts (a server module, so not imported here).
const CODE_REQUIRED = 'mfa-code-required';

type Step = 'password' | 'code';

export function SignInForm() {
  const router = useRouter();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  // Kept only in memory between the two steps, so the code step needs no retyping.
  const password = useRef('');
  const [code, setCode] = useState('');
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(withCode: string | undefined) {
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', { redirect: false, email, password: password.current, code: withCode ?? '' });
      if (!result || result.error) {
        if (result?.error === CODE_REQUIRED) {
          setStep('code');
        } else {
          // Our authorize() throws messages written for the user; anything else gets the generic one.
          setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : UNREACHABLE);
        }
        setPending(false);
        return;
      }
      password.current = '';
      router.replace('/');
      router.refresh();
    } catch {
      setError(UNREACHABLE);
      setPending(false);
    }
  }

  function onPasswordSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    password.current = String(new FormData(event.currentTarget).get('password') ?? '');
    void submit(undefined);
  }

  function onCodeSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!code.trim()) {
      setError(useRecoveryCode ? 'Enter one of your recovery codes.' : 'Enter the 6-digit code from your authenticator app.');
      return;
    }
    void submit(code);
  }

  const alert = error && (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {error}
    </div>
  );

  if (step === 'code') {
    return (
      <form onSubmit={onCodeSubmit} className="space-y-4" noValidate>
        <p className="text-sm text-slate-700">
          Your account uses two-step sign-in. {useRecoveryCode ? 'Enter one of the recovery codes you saved when you set it up; each works once.' : 'Open your authenticator app and enter the 6-digit code it shows for Axis.'}
        </p>
        {alert}
        <div>
          <label htmlFor="code" className="mb-1 block text-sm font-medium text-slate-700">
            {useRecoveryCode ? 'Recovery code' : 'Authentication code'}
          </label>
          <input
            id="code"
            name="code"
            type="text"
            inputMode={useRecoveryCode ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            autoFocus
            required
            maxLength={useRecoveryCode ? 24 : 7}
            placeholder={useRecoveryCode ? 'xxxx-xxxx-xxxx-xxxx' : '123456'}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-lg tracking-widest shadow-sm focus:border-brand-600"
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 disabled:opacity-60"
        >
          {pending ? 'Checking…' : 'Verify and sign in'}
        </button>
        <div className="flex flex-wrap justify-between gap-2 text-sm">
          <button
            type="button"
            className="text-brand-700 underline"
            onClick={() => {
              setUseRecoveryCode(!useRecoveryCode);
              setCode('');
              setError(null);
            }}
          >
            {useRecoveryCode ? 'Use a code from the app instead' : 'Use a recovery code instead'}
          </button>
          <button
            type="button"
            className="text-slate-600 underline"
            onClick={() => {
              password.current = '';
              setStep('password');
              setCode('');
              setError(null);
            }}
          >
            Start again
          </button>
        </div>
        <p className="text-xs text-slate-500">Lost your phone and your recovery codes? Your clinic administrator can reset two-step sign-in for you.</p>
      </form>
    );
  }

  return (
    <form onSubmit={onPasswordSubmit} className="space-y-4" noValidate>
      {alert}
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600"
        />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
