import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/platform/auth/session';
import { QUESTIONNAIRES, isQuestionnaireId } from '@/lib/questionnaires/definitions';
import { getMyQuestionnaires } from '@/lib/questionnaires/queries';
import { QuestionnaireForm } from './questionnaire-form';

export async function generateMetadata({ params }: { params: Promise<{ instrument: string }> }): Promise<Metadata> {
  const { instrument } = await params;
  return { title: isQuestionnaireId(instrument) ? QUESTIONNAIRES[instrument].fullName : 'Questionnaire' };
}

export default async function QuestionnairePage({ params }: { params: Promise<{ instrument: string }> }) {
  const { instrument } = await params;
  const actor = await requireActor(['patient']);
  if (!isQuestionnaireId(instrument)) notFound();
  const { offered } = await getMyQuestionnaires(actor, 1);
  if (!offered.includes(instrument)) notFound();
  const def = QUESTIONNAIRES[instrument];
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/portal/questionnaires" className="text-brand-700 hover:underline">
          ← Questionnaires
        </Link>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{def.fullName}</h1>
        <p className="mt-2 text-slate-700">{def.introduction}</p>
      </div>
      <QuestionnaireForm instrument={instrument} today={new Date().toISOString().slice(0, 10)} />
    </div>
  );
}
