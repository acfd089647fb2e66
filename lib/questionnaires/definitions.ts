// Patient-completed questionnaires: the item wording, the answer options and the scoring rules. Pure, so
// the portal form, the server mutation and the unit tests share one definition.
//
// Sources (DOMAIN.md §4 for ranges and bands):
// - DLQI: Finlay AY, Khan GK. Clin Exp Dermatol 1994;19:210–216. Ten questions about the last week,
//   each Very much = 3, A lot = 2, A little = 1, Not at all = 0; "Not relevant" (items 3–10) = 0;
//   item 7 "Yes" (prevented working or studying) = 3, otherwise its follow-up "how much has your skin
//   been a problem at work or studying?" A lot = 2, A little = 1, Not at all = 0. Total 0–30.
//   Wording checked against https://painscale.com/article/dermatology-life-quality-index (questions and
//   0–3 values) and the DLQI instructions quoted in the psoriasis literature ("not relevant" scores 0).
//   Unanswered items: the Cardiff instructions score one missing item as 0 and do not score the DLQI
//   when two or more are missing. Axis asks for every item instead (the form cannot be sent with a gap),
//   so a stored total never rests on that rule.
// - POEM: Charman CR, Venn AJ, Williams HC. Arch Dermatol 2004;140:1513–1519. Seven questions about the
//   last week, No days = 0, 1–2 days = 1, 3–4 days = 2, 5–6 days = 3, Every day = 4. Total 0–28.
// - UAS7: per day wheals 0–3 (none, <20, 20–50, >50 wheals in 24 hours) + itch 0–3 (none, mild,
//   moderate, intense), summed over 7 days, 0–42 [UAS-GP]. Entered here for the whole past week at once.

import { getInstrument, inBand } from '@/lib/clinical/scores/instruments';

export const QUESTIONNAIRE_IDS = ['dlqi', 'poem', 'uas7'] as const;
export type QuestionnaireId = (typeof QUESTIONNAIRE_IDS)[number];

export interface AnswerOption {
  /** Stored in the raw answers. */
  value: string;
  label: string;
  /** Extra words shown under the label (UAS7 itch levels). */
  hint?: string;
  score: number;
}

export interface QuestionItem {
  /** Stable key in the stored answers, e.g. "q1", "day3_itch". */
  id: string;
  /** The question as the patient reads it. */
  text: string;
  /** Extra guidance shown with the question. */
  hint?: string;
  /** For UAS7: which day of the week (1 = six days before the questionnaire date, 7 = that day). */
  day?: number;
  options: readonly AnswerOption[];
}

export interface QuestionnaireDefinition {
  id: QuestionnaireId;
  label: string;
  fullName: string;
  /** One or two sentences shown before the first question. */
  introduction: string;
  items: readonly QuestionItem[];
  min: number;
  max: number;
  source: string;
}

const DLQI_ANSWERS: readonly AnswerOption[] = [
  { value: 'very_much', label: 'Very much', score: 3 },
  { value: 'a_lot', label: 'A lot', score: 2 },
  { value: 'a_little', label: 'A little', score: 1 },
  { value: 'not_at_all', label: 'Not at all', score: 0 },
];
const NOT_RELEVANT: AnswerOption = { value: 'not_relevant', label: 'Not relevant', score: 0 };
const DLQI_WITH_NOT_RELEVANT = [...DLQI_ANSWERS, NOT_RELEVANT];

const DLQI_ITEMS: readonly QuestionItem[] = [
  { id: 'q1', text: 'Over the last week, how itchy, sore, painful or stinging has your skin been?', options: DLQI_ANSWERS },
  { id: 'q2', text: 'Over the last week, how embarrassed or self conscious have you been because of your skin?', options: DLQI_ANSWERS },
  { id: 'q3', text: 'Over the last week, how much has your skin interfered with you going shopping or looking after your home or garden?', options: DLQI_WITH_NOT_RELEVANT },
  { id: 'q4', text: 'Over the last week, how much has your skin influenced the clothes you wear?', options: DLQI_WITH_NOT_RELEVANT },
  { id: 'q5', text: 'Over the last week, how much has your skin affected any social or leisure activities?', options: DLQI_WITH_NOT_RELEVANT },
  { id: 'q6', text: 'Over the last week, how much has your skin made it difficult for you to do any sport?', options: DLQI_WITH_NOT_RELEVANT },
  {
    id: 'q7',
    text: 'Over the last week, has your skin prevented you from working or studying?',
    hint: 'If “No”: over the last week, how much has your skin been a problem at work or studying?',
    options: [
      { value: 'yes', label: 'Yes', score: 3 },
      { value: 'no_a_lot', label: 'No — but it has been a problem a lot', score: 2 },
      { value: 'no_a_little', label: 'No — but it has been a problem a little', score: 1 },
      { value: 'no_not_at_all', label: 'No — not a problem at all', score: 0 },
      NOT_RELEVANT,
    ],
  },
  { id: 'q8', text: 'Over the last week, how much has your skin created problems with your partner or any of your close friends or relatives?', options: DLQI_WITH_NOT_RELEVANT },
  { id: 'q9', text: 'Over the last week, how much has your skin caused any sexual difficulties?', options: DLQI_WITH_NOT_RELEVANT },
  {
    id: 'q10',
    text: 'Over the last week, how much of a problem has the treatment for your skin been, for example by making your home messy, or by taking up time?',
    options: DLQI_WITH_NOT_RELEVANT,
  },
];

const POEM_DAYS: readonly AnswerOption[] = [
  { value: 'no_days', label: 'No days', score: 0 },
  { value: '1_2_days', label: '1–2 days', score: 1 },
  { value: '3_4_days', label: '3–4 days', score: 2 },
  { value: '5_6_days', label: '5–6 days', score: 3 },
  { value: 'every_day', label: 'Every day', score: 4 },
];

const POEM_ITEMS: readonly QuestionItem[] = [
  { id: 'q1', text: 'Over the last week, on how many days has your skin been itchy because of your eczema?', options: POEM_DAYS },
  { id: 'q2', text: 'Over the last week, on how many nights has your sleep been disturbed because of your eczema?', options: POEM_DAYS },
  { id: 'q3', text: 'Over the last week, on how many days has your skin been bleeding because of your eczema?', options: POEM_DAYS },
  { id: 'q4', text: 'Over the last week, on how many days has your skin been weeping or oozing clear fluid because of your eczema?', options: POEM_DAYS },
  { id: 'q5', text: 'Over the last week, on how many days has your skin been cracked because of your eczema?', options: POEM_DAYS },
  { id: 'q6', text: 'Over the last week, on how many days has your skin been flaking off because of your eczema?', options: POEM_DAYS },
  { id: 'q7', text: 'Over the last week, on how many days has your skin felt dry or rough because of your eczema?', options: POEM_DAYS },
];

const UAS_WHEALS: readonly AnswerOption[] = [
  { value: '0', label: 'None', score: 0 },
  { value: '1', label: 'Fewer than 20 wheals', score: 1 },
  { value: '2', label: '20 to 50 wheals', score: 2 },
  { value: '3', label: 'More than 50 wheals', score: 3 },
];
const UAS_ITCH: readonly AnswerOption[] = [
  { value: '0', label: 'None', score: 0 },
  { value: '1', label: 'Mild', hint: 'present but not annoying or troublesome', score: 1 },
  { value: '2', label: 'Moderate', hint: 'troublesome, but does not stop normal daily activity or sleep', score: 2 },
  { value: '3', label: 'Intense', hint: 'bad enough to stop normal daily activity or sleep', score: 3 },
];

export const UAS7_DAYS = 7;
const DAY_NAMES = ['6 days ago', '5 days ago', '4 days ago', '3 days ago', '2 days ago', 'Yesterday', 'Today'] as const;

const UAS7_ITEMS: readonly QuestionItem[] = DAY_NAMES.flatMap((name, i): QuestionItem[] => [
  { id: `day${i + 1}_wheals`, day: i + 1, text: `${name}: how many wheals (hives) did you have in 24 hours?`, options: UAS_WHEALS },
  { id: `day${i + 1}_itch`, day: i + 1, text: `${name}: how itchy was your skin?`, options: UAS_ITCH },
]);

export const QUESTIONNAIRES: Readonly<Record<QuestionnaireId, QuestionnaireDefinition>> = {
  dlqi: {
    id: 'dlqi',
    label: 'DLQI',
    fullName: 'Dermatology Life Quality Index',
    introduction: 'These ten questions ask how much your skin problem has affected your life over the last week. Choose one answer for each question.',
    items: DLQI_ITEMS,
    min: 0,
    max: 30,
    source: 'DLQI',
  },
  poem: {
    id: 'poem',
    label: 'POEM',
    fullName: 'Patient-Oriented Eczema Measure',
    introduction: 'These seven questions ask about your eczema over the last week. Choose one answer for each question.',
    items: POEM_ITEMS,
    min: 0,
    max: 28,
    source: 'POEM',
  },
  uas7: {
    id: 'uas7',
    label: 'UAS7',
    fullName: 'Urticaria Activity Score over 7 days',
    introduction:
      'For each of the last seven days (ending on the date below), say how many wheals (hives) you had in 24 hours and how itchy your skin was. If you kept a daily record, copy it here.',
    items: UAS7_ITEMS,
    min: 0,
    max: 42,
    source: 'UAS-GP',
  },
};

export function isQuestionnaireId(value: string): value is QuestionnaireId {
  return (QUESTIONNAIRE_IDS as readonly string[]).includes(value);
}

export function getQuestionnaire(id: QuestionnaireId): QuestionnaireDefinition {
  return QUESTIONNAIRES[id];
}

export type QuestionnaireAnswers = Record<string, string>;

export type ScoreOutcome =
  | { ok: true; total: number; itemScores: Record<string, number> }
  | { ok: false; missing: string[]; invalid: string[]; unknown: string[] };

/**
 * Scores one completed questionnaire: every item must have one of its own answers, and nothing else may
 * be sent. The total is the sum of item scores and is range-checked against the instrument.
 */
export function scoreQuestionnaire(id: QuestionnaireId, answers: Readonly<Record<string, unknown>>): ScoreOutcome {
  const def = QUESTIONNAIRES[id];
  const missing: string[] = [];
  const invalid: string[] = [];
  const itemScores: Record<string, number> = {};
  let total = 0;
  for (const item of def.items) {
    const answer = answers[item.id];
    if (answer === undefined || answer === null || answer === '') {
      missing.push(item.id);
      continue;
    }
    const option = typeof answer === 'string' ? item.options.find((o) => o.value === answer) : undefined;
    if (!option) {
      invalid.push(item.id);
      continue;
    }
    itemScores[item.id] = option.score;
    total += option.score;
  }
  const known = new Set(def.items.map((i) => i.id));
  const unknown = Object.keys(answers).filter((k) => !known.has(k));
  if (missing.length || invalid.length || unknown.length) return { ok: false, missing, invalid, unknown };
  if (!Number.isInteger(total) || total < def.min || total > def.max) throw new Error(`${def.label} total ${total} outside ${def.min}–${def.max}`);
  return { ok: true, total, itemScores };
}

/** The highest score any single item can contribute. */
export function maxItemScore(item: QuestionItem): number {
  return Math.max(...item.options.map((o) => o.score));
}

/** UAS7 daily score (0–6) for each day answered, for showing the week back to the patient. */
export function uas7DailyScores(answers: Readonly<Record<string, unknown>>): (number | null)[] {
  const def = QUESTIONNAIRES.uas7;
  const out: (number | null)[] = [];
  for (let day = 1; day <= UAS7_DAYS; day++) {
    let sum = 0;
    let complete = true;
    for (const item of def.items.filter((i) => i.day === day)) {
      const option = item.options.find((o) => o.value === answers[item.id]);
      if (!option) complete = false;
      else sum += option.score;
    }
    out.push(complete ? sum : null);
  }
  return out;
}

/** ICD-10-CM codes for urticaria start L50: UAS7 is offered only to patients with one. */
export function offersUas7(conditionCodes: readonly string[]): boolean {
  return conditionCodes.some((c) => c.toUpperCase().startsWith('L50'));
}

// The score bands of lib/clinical/scores/instruments.ts, in words for the patient, in the same order.
const PLAIN_BANDS: Record<QuestionnaireId, readonly string[]> = {
  dlqi: ['no effect on your life', 'a small effect on your life', 'a moderate effect on your life', 'a very large effect on your life', 'an extremely large effect on your life'],
  poem: ['clear or almost clear eczema', 'mild eczema', 'moderate eczema', 'severe eczema', 'very severe eczema'],
  uas7: ['no hives this week', 'hives well controlled', 'mild hives', 'moderate hives', 'severe hives'],
};

/** What a total means, in plain words ("a moderate effect on your life"). */
export function describeTotal(id: QuestionnaireId, total: number): string {
  const bands = getInstrument(id).bands;
  const index = bands.findIndex((b) => inBand(b, total));
  return PLAIN_BANDS[id][index] ?? '';
}
