'use client';

import { useActionState } from 'react';
import { FormMessage, primaryButtonClass } from '@/lib/ui/form-controls';
import { setEmailNotificationsAction } from '../actions';

export function NotificationForm({ enabled }: { enabled: boolean }) {
  const [state, action, pending] = useActionState(setEmailNotificationsAction, null);
  return (
    <form action={action} className="space-y-3">
      <fieldset className="space-y-2">
        <legend className="sr-only">E-mail notifications</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="emailNotifications" value="on" defaultChecked={enabled} /> Yes, e-mail me when a new message arrives
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="emailNotifications" value="off" defaultChecked={!enabled} /> No e-mails
        </label>
      </fieldset>
      <FormMessage state={state} />
      {state?.ok && (
        <p role="status" className="text-sm text-emerald-800">
          Saved.
        </p>
      )}
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        Save
      </button>
    </form>
  );
}
