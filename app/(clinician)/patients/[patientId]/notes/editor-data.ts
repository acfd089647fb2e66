import 'server-only';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { listInterventionsForNotes, listNoteColleagues } from '@/lib/notes/queries';
import { INTERVENTION_KIND_LABELS } from '@/lib/care-plans/kinds';
import { getPatientResults } from '@/lib/results/queries';
import type { ResultKind } from '@/lib/results/result-kinds';
import { getInstrument, isInstrumentId } from '@/lib/clinical/scores/instruments';
import { formatDate, specialtyLabel } from '@/lib/ui/format';
import type { ColleagueOption, TagOption } from './note-editor';

// Keyed by kind, so a new kind of result cannot land in "Other results" unnoticed.
const RESULT_GROUPS: Record<Exclude<ResultKind, 'score'>, string> = { breath_test: 'Breath tests', h_pylori: 'H. pylori tests', food_panel: 'Food panels', stool_test: 'Stool tests' };

/** The picker's group for a result: its kind, or for a score its instrument ("Scores · EASI"). */
function resultGroup(kind: ResultKind, instrument: string | null): string {
  if (kind !== 'score') return RESULT_GROUPS[kind];
  return `Scores · ${instrument && isInstrumentId(instrument) ? getInstrument(instrument).label : 'other'}`;
}

/** What the note editor offers: colleagues to mention or task, and the record's results and plan items to tag. */
export async function loadEditorOptions(actor: Actor, patientId: string): Promise<{ colleagues: ColleagueOption[]; author: { id: string; name: string }; resultOptions: TagOption[]; interventionOptions: TagOption[] }> {
  const [colleagues, { results }, interventions] = await Promise.all([
    listNoteColleagues(actor, patientId),
    getPatientResults(actor, patientId),
    listInterventionsForNotes(actor, patientId),
  ]);
  return {
    colleagues: colleagues.filter((c) => c.id !== actor.userId).map((c) => ({ id: c.id, name: c.name, specialty: specialtyLabel(c.specialty) })),
    author: { id: actor.userId, name: actor.name },
    // Results are tagged by series, so a later correction keeps the tag.
    resultOptions: results.map((r) => ({ targetType: 'result', targetId: r.seriesId, label: `${r.title}, ${formatDate(r.effectiveDate)}`, detail: r.summary, group: resultGroup(r.kind, r.instrument) })),
    interventionOptions: interventions.map((i) => ({ targetType: 'intervention', targetId: i.id, label: i.title, detail: `${i.kind} · ${i.status}`, group: INTERVENTION_KIND_LABELS[i.kind] ?? 'Other' })),
  };
}
