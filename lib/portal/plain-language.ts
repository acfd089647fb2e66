// Plain-language explanations of a stored result for the patient portal and the printable summary.
// Pure: it reads the interpretation the rules stored with the result (lib/<kind>/interpret.ts) and
// says what it means in everyday words. It never adds a diagnosis the rules did not reach, always
// says when a result may not be reliable, and points the patient back to their care team.

import type { BreathTestInterpretation } from '@/lib/clinical/breath-tests/interpret';
import type { PreparationItemId } from '@/lib/clinical/breath-tests/schema';
import type { FoodPanelInterpretation } from '@/lib/clinical/food-panels/interpret';
import type { HPyloriInterpretation } from '@/lib/clinical/h-pylori/interpret';
import type { HPyloriInput } from '@/lib/clinical/h-pylori/schema';
import type { PlannedUntil } from '@/lib/care-plans/describe';
import type { InterventionResponse } from '@/lib/clinical/outcomes/response';
import type { StoredResult } from '@/lib/results/stored';
import { getInstrument, type BandSeverity } from '@/lib/clinical/scores/instruments';
import type { ScoreInterpretation } from '@/lib/clinical/scores/interpret';
import type { StoolFinding, StoolInterpretation } from '@/lib/clinical/stool-tests/interpret';

export interface PlainExplanation {
  /** One sentence: what the result shows. */
  headline: string;
  /** What that means, in short paragraphs. */
  paragraphs: string[];
  /** Why the result may not be reliable, or what it cannot tell; null when nothing limits it. */
  caution: string | null;
}

const TALK_TO_TEAM = 'Your care team will talk with you about what this means for you and what happens next.';

// --- Breath tests ------------------------------------------------------------------------------

/** Why a missed preparation step matters, in the patient's own terms ("you …"). */
const PREPARATION_REASONS: Record<PreparationItemId, string> = {
  antibioticsWithin4Weeks: 'antibiotics were taken in the 4 weeks before the test, which can lower the gases the test looks for',
  promotilityOrLaxativesWithin1Week: 'laxatives or medicines that speed up the gut were taken in the week before, which changes when the gases appear',
  fermentableFoodsDayBefore: 'foods that ferment easily were eaten the day before, which can raise the starting gas level',
  fasted8to12h: 'the 8 to 12 hours of fasting before the test were not recorded as done',
  smokedOnTestDay: 'there was smoking on the day of the test, which affects the breath readings',
  physicalActivityDuringTest: 'there was physical activity during the test, which changes breathing and the readings',
  ppiUse: 'a stomach-acid medicine (a proton pump inhibitor) was being taken, which can change the gut bacteria',
  probioticsOrPrebiotics: 'probiotics or prebiotics were taken before the test, which can change the gut bacteria',
};

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('; ')}; and ${items.at(-1) ?? ''}`;
}

function explainBreathTest(i: BreathTestInterpretation): PlainExplanation {
  const paragraphs: string[] = [];
  const h2 = i.hydrogen.positive;
  const ch4 = i.methane.positive;
  let headline: string;
  if (h2 && ch4) headline = 'Your breath test showed both a rise in hydrogen and raised methane.';
  else if (h2) headline = 'Your breath test showed an early rise in hydrogen.';
  else if (ch4) headline = 'Your breath test showed raised methane.';
  else headline = 'Your breath test did not show the gas pattern that points to bacterial overgrowth.';

  if (h2) {
    paragraphs.push(
      'This pattern suggests small intestinal bacterial overgrowth (SIBO): more bacteria than usual are living in the small intestine, where they ferment food early and make gas. SIBO is common, can cause bloating, wind, tummy pain or loose stools, and can be treated.',
    );
  }
  if (ch4) {
    paragraphs.push(
      'Raised methane suggests intestinal methanogen overgrowth (IMO): tiny organisms in the gut that make methane gas. Methane can slow the gut down, so it is often linked with constipation and bloating. It can be treated.',
    );
  }
  if (h2 || ch4) paragraphs.push('Your care team will discuss treatment with you.');
  else paragraphs.push('This is a reassuring result, although a breath test cannot rule out every gut problem. ' + TALK_TO_TEAM);

  const reasons = i.preparationIssues.map((id) => PREPARATION_REASONS[id]).filter(Boolean);
  if (i.highBaseline) reasons.push('the gas level was already high at the start of the test, which makes a rise harder to read');
  if (i.flatLine) reasons.push('very little gas was made during the whole test, which can happen when gut bacteria make a gas this test does not measure');
  if (!i.hydrogen.windowCovered) reasons.push('the readings stopped before the full time the test needs');
  const caution =
    reasons.length > 0 || i.flag === 'indeterminate'
      ? `The result may not be fully reliable because ${reasons.length > 0 ? listInWords(reasons) : 'of how the test went'}. Your care team may suggest repeating the test.`
      : null;
  return { headline, paragraphs, caution };
}

// --- H. pylori ---------------------------------------------------------------------------------

function explainHPylori(input: HPyloriInput, i: HPyloriInterpretation): PlainExplanation {
  const afterTreatment = input.purpose === 'test_of_cure';
  const paragraphs: string[] = [];
  let headline: string;
  let caution: string | null = null;
  if (i.result === 'positive') {
    if (i.method === 'serology') {
      headline = 'The blood test found antibodies to Helicobacter pylori.';
      paragraphs.push(
        'Helicobacter pylori (H. pylori) is a common germ that can live in the lining of the stomach. Antibodies show that your body has met this germ at some time, but they can stay for years after it has gone, so this test cannot tell whether the infection is there now.',
      );
      caution = 'A blood antibody test cannot show whether the infection is still active. Your care team may suggest a breath or stool test.';
    } else {
      headline = afterTreatment ? 'The test shows that Helicobacter pylori is still there after treatment.' : 'The test found Helicobacter pylori.';
      paragraphs.push(
        'Helicobacter pylori (H. pylori) is a common germ that can live in the lining of the stomach. Many people have it without any symptoms, but it can cause inflammation of the stomach and ulcers, so it is usually treated with a short course of several medicines taken together.',
      );
    }
    paragraphs.push(afterTreatment ? 'Your care team will talk with you about a different treatment.' : 'Your care team will discuss treatment with you.');
  } else if (i.result === 'negative') {
    headline = afterTreatment ? 'The test did not find Helicobacter pylori after treatment.' : 'The test did not find Helicobacter pylori.';
    paragraphs.push(afterTreatment ? 'This suggests the treatment has cleared the germ.' : 'Helicobacter pylori (H. pylori) is a common stomach germ; this test did not find signs of it.');
    if (i.possibleFalseNegative) {
      caution =
        'This negative result may not be reliable: some medicines taken shortly before the test (such as stomach-acid tablets, antibiotics or bismuth), or testing too soon after treatment, can hide the germ. Your care team may suggest repeating the test.';
    }
  } else {
    headline = 'The test result was borderline, so it does not clearly say yes or no.';
    paragraphs.push('Helicobacter pylori (H. pylori) is a common germ that can live in the lining of the stomach.');
    caution = i.possibleFalseNegative
      ? 'The result may not be reliable: some medicines taken shortly before the test (such as stomach-acid tablets, antibiotics or bismuth), or testing too soon after treatment, can hide the germ. Your care team may suggest repeating the test.'
      : 'A borderline result cannot be relied on either way. Your care team may suggest repeating the test or using a different one.';
  }
  paragraphs.push(TALK_TO_TEAM);
  return { headline, paragraphs, caution };
}

// --- Stool tests -------------------------------------------------------------------------------

/** One line per analyte, from the rule the interpretation reached (never re-judged here). */
const STOOL_PLAIN: Partial<Record<string, string>> = {
  'calprotectin-within': 'Calprotectin, a sign of inflammation in the gut, was within the lab’s normal range.',
  'calprotectin-borderline': 'Calprotectin, a sign of inflammation in the gut, was borderline. A borderline result is often repeated after a few weeks.',
  'calprotectin-above':
    // Not "not a cancer test": beside a FIT referral that reads as reassurance the team has not given.
    'Calprotectin, a sign of inflammation in the gut, was above the lab’s normal range. It shows there may be inflammation; it does not say what causes it.',
  'calprotectin-paediatric': 'Calprotectin, a sign of inflammation in the gut, was measured. Children’s levels are naturally higher than adults’, so your care team reads it for your age.',
  'elastase-low': 'Elastase, which shows how well the pancreas makes digestive enzymes, was low. This can mean the pancreas is not making enough enzymes to digest food.',
  'elastase-indeterminate': 'Elastase, which shows how well the pancreas makes digestive enzymes, was in the in-between range, so it does not clearly say yes or no.',
  'elastase-normal': 'Elastase, which shows how well the pancreas makes digestive enzymes, was normal.',
  'elastase-neonate': 'Elastase was measured, but the usual range does not apply in the first month of life.',
  'fit-below': 'The test for hidden blood in the stool (FIT) was below the level that needs further tests.',
  'fit-not-adult': 'The test for hidden blood in the stool (FIT) was done. Its usual levels are set for adults, so your care team will read it for you.',
};

function explainStoolTest(i: StoolInterpretation): PlainExplanation {
  const has = (rule: StoolFinding['rule']) => i.findings.some((f) => f.rule === rule);
  const paragraphs: string[] = [];
  let headline: string;
  if (i.referral) {
    // A FIT at the threshold: a referral, said plainly, with no guess at the cause and nothing to change at home.
    headline = 'The test found blood in the stool at a level that needs further tests.';
    paragraphs.push('Your care team will arrange a referral so that the cause can be found. Many causes are not serious, but it is important to have these tests. Please do not change your diet or start supplements because of this result.');
  } else if (i.flag === 'abnormal') headline = 'Some of your stool test results were outside the lab’s usual range.';
  else if (i.flag === 'indeterminate') headline = 'Some of your stool test results were borderline or need a second look.';
  else if (i.flag === 'normal') headline = 'Your stool test results were within the usual range.';
  else headline = 'Your stool test report is on your record.';
  for (const f of i.findings) {
    const line = STOOL_PLAIN[f.rule];
    if (line) paragraphs.push(line);
  }
  if (i.researchGrade) {
    paragraphs.push(
      'The report also describes the bacteria in your gut (a microbiome report). This kind of test is still a research tool: there is no agreed normal range and no proven link to any treatment, so it is not a diagnosis and is not a reason to change your diet, supplements or probiotics on its own.',
    );
  }
  const cautions: string[] = [];
  if (has('calprotectin-nsaids')) cautions.push('Anti-inflammatory painkillers (such as ibuprofen) taken before the sample can raise calprotectin.');
  if (has('elastase-watery')) cautions.push('The sample was watery, which can make elastase read lower than it really is; your care team may ask for a repeat sample.');
  if (has('calprotectin-infant')) cautions.push('In children under 2, calprotectin may not be reliable.');
  paragraphs.push(TALK_TO_TEAM);
  return { headline, paragraphs, caution: cautions.length > 0 ? cautions.join(' ') : null };
}

// --- Food panels -------------------------------------------------------------------------------

function foodList(items: { food: string }[]): string {
  const names = items.map((i) => i.food);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

const DO_NOT_CUT_OUT = 'Please do not cut foods out of your diet because of this test alone; your care team will go through it with you.';

function explainFoodPanel(i: FoodPanelInterpretation): PlainExplanation {
  const crossing = i.items.filter((item) => item.crossesCutoff);
  switch (i.method) {
    case 'specific_ige':
    case 'skin_prick': {
      const what = i.method === 'skin_prick' ? 'skin prick test' : 'blood test for allergy antibodies (IgE)';
      const headline =
        crossing.length > 0
          ? `Your ${what} showed sensitisation to ${foodList(crossing)}.`
          : `Your ${what} did not show sensitisation to any of the foods tested.`;
      const paragraphs =
        crossing.length > 0
          ? [
              'Sensitisation means your immune system recognises these foods. It is not the same as an allergy: many people with a positive test eat the food without any problem. It only means a food allergy if you also react when you eat that food.',
              DO_NOT_CUT_OUT,
            ]
          : ['This makes an allergy to the foods tested less likely. ' + TALK_TO_TEAM];
      return { headline, paragraphs, caution: crossing.length > 0 ? 'A positive test on its own does not mean you are allergic.' : null };
    }
    case 'igg':
    case 'igg4':
      return {
        headline: 'This was a food IgG test.',
        paragraphs: [
          'IgG is a normal response of the immune system to foods you eat regularly. It shows that you have eaten a food, not that the food is harming you.',
          DO_NOT_CUT_OUT,
        ],
        caution: 'Food IgG tests cannot diagnose a food allergy or intolerance, and experts advise against using them to decide which foods to avoid.',
      };
    case 'elimination_rechallenge': {
      const unclear = i.items.filter((item) => item.outcome === 'inconclusive');
      const headline = crossing.length > 0 ? `You reacted when ${foodList(crossing)} ${crossing.length === 1 ? 'was' : 'were'} brought back into your diet.` : 'You did not react when the foods were brought back into your diet.';
      const paragraphs = [
        crossing.length > 0
          ? 'Reacting when a food is brought back after a break is the most direct sign that the food affects you.'
          : 'This suggests these foods are not causing your symptoms, so you may be able to keep eating them.',
        TALK_TO_TEAM,
      ];
      return { headline, paragraphs, caution: unclear.length > 0 ? `The result for ${foodList(unclear)} was unclear and may need to be tried again.` : null };
    }
  }
}

// --- Scores ------------------------------------------------------------------------------------

const SEVERITY_WORDS: Record<BandSeverity, string> = {
  clear: 'clear or almost clear',
  normal: 'in the usual range',
  mild: 'mild',
  moderate: 'moderate',
  severe: 'severe',
  very_severe: 'very severe',
  abnormal: 'outside the usual range',
  unbanded: 'not placed in a band',
};

const DOMAIN_WORDS = { skin: 'how your skin condition looks and how much skin it affects', quality_of_life: 'how much your skin condition affects your daily life', gut: 'your gut symptoms' } as const;

function explainScore(i: ScoreInterpretation): PlainExplanation {
  const instrument = getInstrument(i.instrument);
  const paragraphs = [`The ${instrument.label} (${instrument.fullName}) measures ${DOMAIN_WORDS[instrument.domain]}.`];
  if (instrument.higherIsWorse === true) paragraphs.push(`Scores run from ${instrument.min} to ${instrument.max}; a lower score is better.`);
  else if (instrument.higherIsWorse === null) paragraphs.push('Types 3 and 4 are the usual range; types at either end are less usual.');
  if (!i.band) {
    return { headline: `Your ${instrument.label} score was ${i.value}.`, paragraphs, caution: 'This score is outside the range the scale allows, so it could not be placed in a band. Your care team will check it.' };
  }
  const words = SEVERITY_WORDS[i.band.severity];
  const headline =
    i.band.severity === 'unbanded' ? `Your ${instrument.label} score was ${i.value}.` : `Your ${instrument.label} score was ${i.value}, which is ${words}${i.band.label && i.band.label !== words ? ` (${i.band.label})` : ''}.`;
  paragraphs.push('Watching this score over time shows whether things are getting better. ' + TALK_TO_TEAM);
  return { headline, paragraphs, caution: null };
}

/** A short, kind and accurate explanation of one stored result for the patient. */
export function explainResultForPatient(result: StoredResult): PlainExplanation {
  switch (result.kind) {
    case 'breath_test':
      return explainBreathTest(result.interpretation);
    case 'h_pylori':
      return explainHPylori(result.input, result.interpretation);
    case 'food_panel':
      return explainFoodPanel(result.interpretation);
    case 'score':
      return explainScore(result.interpretation);
    case 'stool_test':
      return explainStoolTest(result.interpretation);
  }
}

/** What kind of result this is, in everyday words. */
export const RESULT_KIND_PLAIN: Record<StoredResult['kind'], string> = {
  breath_test: 'Breath test',
  h_pylori: 'Stomach germ (H. pylori) test',
  food_panel: 'Food test',
  score: 'Symptom score',
  stool_test: 'Stool test',
};

/** "Until when" on the patient's plan, the same words on the page and in the PDF. */
export function untilForPatient(until: PlannedUntil | null, formatDate: (iso: string) => string): string {
  if (!until) return 'Ongoing, until your care team tells you otherwise';
  if (until.basis === 'reintroduction') return `${formatDate(until.date)}: then foods are brought back one at a time, as your care team plans`;
  return formatDate(until.date);
}

/**
 * How one score changed since a plan item started, for the patient: the numbers, whether lower is better,
 * how early it is, and what else was going on, without ever saying the item caused it. Built only from
 * scores the patient can see (shared with them or reported by them).
 */
export function explainResponseForPatient(r: InterventionResponse, interventionTitle: string, formatDate: (iso: string) => string): string | null {
  if (r.status === 'not_assessable' || !r.baseline || !r.followUp || r.change === null) return null;
  const instrument = getInstrument(r.instrument);
  const lowerBetter = instrument.higherIsWorse === true;
  const from = `${r.baseline.value} on ${formatDate(r.baseline.effectiveDate)}`;
  const to = `${r.followUp.value} on ${formatDate(r.followUp.effectiveDate)}`;
  let how: string;
  if (r.change === 0) how = 'stayed the same';
  else if (lowerBetter) how = r.change < 0 ? `went down${r.percentImprovement !== null ? ` by ${Math.round(r.percentImprovement)}%` : ''} (lower is better)` : 'went up (lower is better, so this is worse)';
  else how = r.change < 0 ? 'went down' : 'went up';
  const met = r.criteria.filter((c) => c.met === true && c.criterion.primary);
  const meaningful = met.length > 0 ? ' That is a change doctors count as meaningful.' : '';
  const others = r.overlapping.length > 0 ? ` Other parts of your plan were running at the same time (${r.overlapping.map((o) => o.title).join(', ')}), so the change may come from any of them, or from something else.` : ' Changes can have many causes.';
  const early = r.status === 'provisional' ? ' It is still early to judge: your care team usually looks at the change after a few months.' : '';
  return `Since you started ${interventionTitle}, your ${instrument.label} score ${how}: from ${from} to ${to}.${meaningful}${others}${early} ${TALK_TO_TEAM}`;
}
