import type { Metadata } from 'next';
import { requireActor } from '@/lib/platform/auth/session';
import { getComposeOptions, listPatientConversations } from '@/lib/messages/queries';
import { MESSAGE_MAX } from '@/lib/messages/rules';
import { getPatientHeading } from '@/lib/patients/queries';
import { Card } from '@/lib/ui/app-shell';
import { specialtyLabel } from '@/lib/ui/format';
import { ConversationList } from '@/lib/ui/messages/conversation-list';
import { MessageComposer } from '@/lib/ui/messages/message-composer';
import { orNotFound } from '@/lib/ui/or-not-found';
import { startConversationAction } from './actions';
import { PatientBackLink } from '@/lib/ui/patients/patient-back-link';

export const metadata: Metadata = { title: 'Messages' };

export default async function PatientMessagesPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requireActor(['clinician']);
  const patient = await orNotFound(getPatientHeading(actor, patientId));
  const [conversations, options] = await Promise.all([listPatientConversations(actor, patientId), getComposeOptions(actor, patientId)]);
  const recipients = [
    { value: 'team-only', label: 'Care team only (the patient never sees it)' },
    ...(options.patientHasPortal ? [{ value: 'team', label: 'The patient (from the whole care team)' }, ...options.specialties.map((s) => ({ value: s, label: `The patient (from ${specialtyLabel(s).toLowerCase()})` }))] : []),
  ];
  return (
    <div className="space-y-6">
      <PatientBackLink patientId={patientId} patient={patient} />
      <Card title="Messages" level={1}>
        <ConversationList conversations={conversations} hrefFor={(c) => `/patients/${patientId}/messages/${c.id}`} showPatient={false} />
      </Card>
      <Card title="New conversation">
        {!options.patientHasPortal && <p className="mb-3 text-sm text-slate-600">This patient has no portal account, so only a care-team conversation can be started.</p>}
        <MessageComposer action={startConversationAction.bind(null, patientId)} recipients={recipients} withSubject submitLabel="Send" bodyLabel="Message" maxLength={MESSAGE_MAX} />
      </Card>
    </div>
  );
}
