'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass, primaryButtonClass, dangerButtonClass } from '@/lib/ui/form-controls';
import { addCareTeamMemberAction, removeCareTeamMemberAction, type FormState } from '../../actions';

export function AddMemberForm({ patientId, candidates }: { patientId: string; candidates: { id: string; label: string }[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(addCareTeamMemberAction, null);
  if (candidates.length === 0) return <p className="text-sm text-slate-500">Every active clinician is already on this team.</p>;
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="patientId" value={patientId} />
      <Field id="member-user" label="Clinician">
        <select id="member-user" name="userId" defaultValue="" className={inputClass} required>
          <option value="" disabled>
            Choose…
          </option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="member-role" label="Role on the team">
        <select id="member-role" name="role" defaultValue="member" className={inputClass}>
          <option value="member">Member</option>
          <option value="lead">Lead</option>
        </select>
      </Field>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Adding…' : 'Add to care team'}
      </button>
    </form>
  );
}

export function RemoveMemberButton({ patientId, membershipId, name }: { patientId: string; membershipId: string; name: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(removeCareTeamMemberAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(`Remove ${name} from this care team? They will lose access to the record.`)) e.preventDefault();
      }}
      className="text-right"
    >
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <button type="submit" disabled={pending} className={dangerButtonClass} aria-label={`Remove ${name}`}>
        {pending ? 'Removing…' : 'Remove'}
      </button>
      {state && !state.ok && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
