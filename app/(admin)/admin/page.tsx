import type { Metadata } from 'next';
import { requireActor } from '@/lib/platform/auth/session';
import { getClinicSecuritySettings } from '@/lib/users/mfa';
import { listUsers } from '@/lib/users/queries';
import { Card, PageHeader } from '@/lib/ui/app-shell';
import { ScrollRegion } from '@/lib/ui/scroll-region';
import { formatDate, SPECIALTY_OPTIONS, specialtyLabel } from '@/lib/ui/format';
import { CreateUserForm } from './create-user-form';
import { ClinicMfaPolicyForm, ResetUserMfaButton, UserMfaRequiredToggle } from './mfa-controls';
import { UserActiveToggle } from './user-active-toggle';

export const metadata: Metadata = { title: 'Accounts' };

const ROLE_LABEL = { clinician: 'Clinician', patient: 'Patient', admin: 'Administrator' } as const;

export default async function AccountsPage() {
  const actor = await requireActor(['admin']);
  const [accounts, security] = await Promise.all([listUsers(actor), getClinicSecuritySettings(actor)]);
  return (
    <>
      <PageHeader title="Accounts" description="Create accounts and deactivate those who should no longer sign in. Deactivation ends their sessions at once." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title={`All accounts (${accounts.length})`} id="accounts">
            <ScrollRegion label="Accounts">
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="pb-2 font-semibold">Name</th>
                    <th scope="col" className="pb-2 font-semibold">Role</th>
                    <th scope="col" className="pb-2 font-semibold">Since</th>
                    <th scope="col" className="pb-2 font-semibold">Status</th>
                    <th scope="col" className="pb-2 pl-4 font-semibold">Two-step sign-in</th>
                    <th scope="col" className="pb-2"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {accounts.map((u) => (
                    <tr key={u.id} data-testid="account-row" className={u.active ? '' : 'text-slate-500'}>
                      <td className="py-2">
                        <div className="font-medium">{u.name}</div>
                        <div className="text-xs text-slate-500">{u.email}</div>
                      </td>
                      <td className="py-2">
                        {ROLE_LABEL[u.role]}
                        {u.specialty && <div className="text-xs text-slate-500">{specialtyLabel(u.specialty)}</div>}
                        {u.patientMrn && <div className="text-xs text-slate-500">{u.patientMrn}</div>}
                      </td>
                      <td className="py-2">{formatDate(u.createdAt)}</td>
                      <td className="py-2">
                        {u.active ? (
                          <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>
                        ) : (
                          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">Deactivated</span>
                        )}
                      </td>
                      <td className="py-2 pl-4" data-testid="account-mfa">
                        <div className="text-xs">
                          {u.mfaEnrolled ? (
                            <span className="rounded bg-emerald-50 px-2 py-0.5 font-medium text-emerald-800">On</span>
                          ) : (u.mfaRequired || (security.requireMfaForStaff && u.role !== 'patient')) ? (
                            <span className="rounded bg-amber-50 px-2 py-0.5 font-medium text-amber-800">Required, not set up</span>
                          ) : (
                            <span className="text-slate-500">Off</span>
                          )}
                          {u.mfaRequired && <div className="mt-1 text-slate-500">Required for this account</div>}
                        </div>
                        <div className="mt-1 flex flex-wrap gap-1">
                          <UserMfaRequiredToggle userId={u.id} name={u.name} required={u.mfaRequired} />
                          {u.mfaEnrolled && u.id !== actor.userId && <ResetUserMfaButton userId={u.id} name={u.name} />}
                        </div>
                      </td>
                      <td className="py-2 text-right">
                        {u.id !== actor.userId && <UserActiveToggle userId={u.id} name={u.name} active={u.active} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Two-step sign-in" id="clinic-mfa">
            <ClinicMfaPolicyForm requireMfaForStaff={security.requireMfaForStaff} />
          </Card>
          <Card title="New account" id="new-account">
            <CreateUserForm specialtyOptions={SPECIALTY_OPTIONS} />
          </Card>
        </div>
      </div>
    </>
  );
}
