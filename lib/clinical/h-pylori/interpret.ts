// Reads one H. pylori result against DOMAIN.md section 2: the kit cut-off for UBT, drugs that can hide an
// infection, what serology and biopsy tests can and cannot show, and test-of-cure timing.
// Pure, so the entry form can preview the reading before it is saved.
import type { Finding, Interpretation, InterpretationFlag } from '@/lib/clinical/interpretation';
import {
  ACTIVE_INFECTION_METHODS,
  addDays,
  BISMUTH_SECONDARY_WINDOW_DAYS,
  daysBetween,
  drugWithinWindow,
  formatUbtValue,
  INTERFERING_DRUG_RULES,
  resolveUbtCriterion,
  TEST_OF_CURE_MIN_DAYS_AFTER_THERAPY,
  ubtVerdict,
  type HPyloriInput,
  type HPyloriMethod,
  type HPyloriResult,
  type InterferingDrug,
  type InterferingDrugRule,
  type UbtCriterion,
} from './schema';

// ---------------------------------------------------------------------------------------------
// LOINC (DOMAIN.md 5.2). Only codes DOMAIN.md gives as confirmed; 11561-8 and 29892-7 are UNVERIFIED there.
// ---------------------------------------------------------------------------------------------

export interface LoincCode {
  code: string;
  /** LOINC display as DOMAIN.md quotes it; null where DOMAIN.md gives the code only. */
  display: string | null;
  source: string;
}

export const H_PYLORI_LOINC: Readonly<Record<HPyloriMethod, readonly LoincCode[]>> = {
  urea_breath_test: [{ code: '29891-9', display: 'Helicobacter pylori [Presence] in Stomach by urea breath test', source: 'LABCORP, COREWELL' }],
  stool_antigen: [
    { code: '17780-8', display: null, source: 'MAYO-SAT' },
    { code: '31843-6', display: 'Helicobacter pylori Ag [Presence] in Stool', source: 'MERCY' },
  ],
  serology: [],
  histology: [],
  rapid_urease: [],
};

// ---------------------------------------------------------------------------------------------
// Borderline band (DOMAIN.md 2.1): results cluster outside 2–5‰, where published cut-offs (2.4–5‰) sit. [APT2004]
// ---------------------------------------------------------------------------------------------

export const UBT_BORDERLINE_BAND_PERMIL = { from: 2, to: 5 } as const; // [APT2004]

const DRUG_SHORT: Readonly<Record<InterferingDrug, string>> = { ppi: 'PPI', antibiotics: 'antibiotics', bismuth: 'bismuth', h2_blocker: 'H2 blocker' };

const SHORT_METHOD: Readonly<Record<HPyloriMethod, string>> = {
  urea_breath_test: 'UBT',
  stool_antigen: 'stool antigen',
  serology: 'serology',
  histology: 'histology',
  rapid_urease: 'rapid urease test',
};

export interface HPyloriInterpretation extends Interpretation {
  method: HPyloriMethod;
  /** Final result: derived from value and cut-off for UBT, as entered otherwise. */
  result: HPyloriResult;
  /** Kit or cut-off applied (UBT only), stored with the result per DOMAIN.md. */
  criterion: string | null;
  /** UBT value lies near the cut-off (inside a kit grey zone or the 2–5‰ band). The verdict is unchanged outside a grey zone. */
  borderline: boolean;
  /** A negative result that interfering drugs or an early test of cure may have produced (flag is then 'indeterminate'). */
  possibleFalseNegative: boolean;
  /** Texts of the caution findings, for a banner. */
  cautions: string[];
  /** Test-of-cure timing; null when the purpose is diagnosis. */
  testOfCure: { dueFrom: string | null; tooEarly: boolean } | null;
  loinc: readonly LoincCode[];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function interpretHPylori(input: HPyloriInput): HPyloriInterpretation {
  const findings: Finding[] = [];
  const { method } = input;
  const purpose = input.purpose;
  const isActiveTest = ACTIVE_INFECTION_METHODS.includes(method);

  // --- Result (UBT derived from value and cut-off) ---
  let result: HPyloriResult = input.result ?? 'indeterminate';
  let criterion: UbtCriterion | null = null;
  let borderline = false;
  let readingText = '';
  if (method === 'urea_breath_test') {
    criterion = resolveUbtCriterion(input);
    const value = criterion?.unit === 'dpm' ? input.dpm : input.deltaOverBaseline;
    if (criterion && value !== undefined) {
      result = ubtVerdict(value, criterion);
      const shown = formatUbtValue(value, criterion.unit);
      const cmp = result === 'positive' ? '≥' : '<';
      const gz = criterion.greyZone;
      readingText =
        result === 'indeterminate' && gz
          ? `${shown}, borderline ${gz.from}–${gz.to - 1} ${criterion.unit === 'dpm' ? 'DPM' : '‰'} (${criterion.kit?.shortLabel ?? 'lab cut-off'})`
          : `${criterion.unit === 'permil_dob' ? 'DOB ' : ''}${shown} ${cmp} ${formatUbtValue(criterion.cutoff, criterion.unit)} (${criterion.kit?.shortLabel ?? 'lab cut-off'})`;
      if (result === 'positive') {
        findings.push({ rule: 'ubt-cutoff', status: 'positive', text: `${shown} is at or above the cut-off (${criterion.description}): positive.`, source: criterion.source });
      } else if (result === 'indeterminate') {
        findings.push({
          rule: 'ubt-grey-zone',
          status: 'flag',
          text: `${shown} is in the borderline zone${gz ? ` (${formatUbtValue(gz.from, criterion.unit)} up to the ${formatUbtValue(gz.to, criterion.unit)} cut-off)` : ''}: indeterminate. Repeat the test or use another method.`,
          source: criterion.source,
        });
      } else {
        findings.push({ rule: 'ubt-cutoff', status: 'negative', text: `${shown} is below the cut-off (${criterion.description}): negative.`, source: criterion.source });
      }
      borderline = result === 'indeterminate';
      // Near-cut-off band only where the applied cut-off itself lies in the band (all named ‰ kits do).
      const band = UBT_BORDERLINE_BAND_PERMIL;
      if (criterion.unit === 'permil_dob' && criterion.cutoff >= band.from && criterion.cutoff <= band.to && value >= band.from && value <= band.to) {
        borderline = true;
        findings.push({
          rule: 'ubt-near-cutoff',
          status: 'flag',
          text: `DOB ${shown} is borderline: it lies in the ${band.from}–${band.to}‰ band where published kit cut-offs (2.4–5‰) sit and few results fall. The reading depends on the kit's own cut-off; interpret with the clinical picture.`,
          source: 'APT2004',
        });
      }
    } else if (!criterion && input.deltaOverBaseline === undefined && input.dpm === undefined && input.result !== undefined) {
      // The lab reported only its verdict: kept as reported, marked as not checkable.
      findings.push({
        rule: 'ubt-qualitative',
        status: result === 'positive' ? 'positive' : result === 'negative' ? 'negative' : 'flag',
        text: `Reported ${result} by UBT. The lab gave no reading or cut-off, so Axis could not check the result against a kit's cut-off.`,
        source: 'lab report',
      });
    } else {
      // Only reachable with input that skipped the schema: say so rather than guess.
      findings.push({ rule: 'ubt-incomplete', status: 'flag', text: 'The UBT value or kit cut-off is missing, so the result cannot be read.', source: 'lab report' });
      result = 'indeterminate';
    }
    if (criterion?.kit?.id === 'pytest_c14') {
      findings.push({ rule: 'ubt-c14-radioactive', status: 'info', text: '¹⁴C UBT is radioactive: not for children or pregnant women.', source: 'MAAS5' });
    }
    if (criterion?.kit?.id === 'c13_75mg_citric_15min_children') {
      findings.push({
        rule: 'ubt-breathtek-children',
        status: 'info',
        text: 'If this was a BreathTek kit: its label says not to use DOB for patients aged 3–17; use the urea hydrolysis rate (UHR) calculator instead.',
        source: 'BTK-INS',
      });
    }
  } else {
    findings.push({ rule: 'entered-result', status: result === 'positive' ? 'positive' : result === 'negative' ? 'negative' : 'flag', text: `Reported ${result} by ${SHORT_METHOD[method]}.`, source: 'lab report' });
  }

  // --- Interfering drugs (DOMAIN.md 2.2) ---
  let possibleFalseNegative = false;
  const falseNegativeReasons: string[] = [];
  const notRecorded: InterferingDrugRule[] = [];
  for (const rule of INTERFERING_DRUG_RULES) {
    if (!rule.methods.includes(method)) continue;
    const days = input[rule.daysField];
    const within = drugWithinWindow(days, input[rule.withinField], rule.windowDays);
    const when = days !== undefined ? `${plural(days, 'day', 'days')} before the test` : `within ${rule.windowText} of the test`;
    if (within === null) {
      notRecorded.push(rule);
      continue;
    }
    if (!within) {
      if (rule.drug === 'bismuth' && days !== undefined && days < BISMUTH_SECONDARY_WINDOW_DAYS && result !== 'positive') {
        findings.push({
          rule: 'bismuth-secondary-window',
          status: 'info',
          text: `Bismuth was last taken ${when}: outside the 2-week window on the BreathTek label and Mayo requirements, though a 4-week window is cited in secondary sources.`,
          source: 'BTK-HCP, MAYO-UBT',
        });
      }
      continue;
    }
    if (result === 'positive') {
      findings.push({
        rule: `${rule.drug}-before-positive`,
        status: 'info',
        text: `Positive despite ${rule.name} taken ${when}: a positive result on acid suppression or antimicrobials may be accepted as positive.`,
        source: 'BTK-HCP',
      });
      continue;
    }
    if (result === 'negative') possibleFalseNegative = true;
    falseNegativeReasons.push(`${DRUG_SHORT[rule.drug]} ${days !== undefined ? `${days} d before` : `within ${rule.windowText}`}`);
    const stopAdvice =
      rule.drug === 'h2_blocker'
        ? 'Labs differ (stop 24–48 hours to 2 weeks before); check this lab’s requirement before relying on the result.'
        : rule.drug === 'antibiotics'
          ? `Stop ≥ 4 weeks before testing (Mayo requirement for BreathID; the BreathTek label says 2 weeks). Repeat ≥ ${rule.windowText} after the last dose.`
          : `Stop ≥ ${rule.windowText} before testing; repeat the test ${rule.windowText} after stopping.`;
    findings.push({
      rule: `${rule.drug}-within-window`,
      status: 'caution',
      text: `${result === 'negative' ? 'Negative result may be a false negative' : 'Result may read falsely low'}: ${rule.name} was taken ${when}, inside the ${rule.windowAdj} window. ${stopAdvice}`,
      source: rule.source,
    });
  }
  if (isActiveTest && result === 'negative' && notRecorded.length > 0) {
    findings.push({
      rule: 'drug-history-not-recorded',
      status: 'info',
      text: `Not recorded whether these were taken before the test: ${notRecorded.map((r) => DRUG_SHORT[r.drug]).join(', ')}. A negative is reliable only if they were stopped in time (${notRecorded.map((r) => r.stopText).join('; ')}).`,
      source: [...new Set(notRecorded.flatMap((r) => r.source.split(', ')))].join(', '),
    });
  }

  // --- Method limits (DOMAIN.md 2) ---
  let methodUnsuitable = false;
  if (method === 'serology') {
    findings.push({
      rule: 'serology-not-active-infection',
      status: 'caution',
      text: 'Serology detects IgG antibodies: it cannot tell active from past infection.',
      source: 'BTK-HCP, ACG24',
    });
    if (purpose === 'test_of_cure') {
      methodUnsuitable = true;
      findings.push({
        rule: 'serology-not-for-test-of-cure',
        status: 'caution',
        text: 'Serology is not suitable for a test of cure: antibodies persist after successful eradication. Use a urea breath test or stool antigen ≥ 4 weeks after therapy.',
        source: 'BTK-HCP, ACG24',
      });
    }
  }
  if (method === 'rapid_urease' && purpose === 'test_of_cure') {
    methodUnsuitable = true;
    findings.push({
      rule: 'rapid-urease-not-for-test-of-cure',
      status: 'caution',
      text: 'The rapid urease test is not for eradication checks: a negative does not confirm cure. Use a urea breath test or stool antigen.',
      source: 'MAAS5-RUT',
    });
  }
  if (method === 'histology' && purpose === 'test_of_cure') {
    findings.push({
      rule: 'histology-test-of-cure',
      status: 'info',
      text: 'The recommended tests of cure are a urea breath test or stool antigen.',
      source: 'ACG24',
    });
  }

  // --- Test-of-cure timing (DOMAIN.md 2.2) ---
  let testOfCure: HPyloriInterpretation['testOfCure'] = null;
  if (purpose === 'test_of_cure') {
    const end = input.eradicationTherapyEndDate;
    if (end === undefined) {
      testOfCure = { dueFrom: null, tooEarly: false };
      findings.push({
        rule: 'test-of-cure-timing',
        status: 'caution',
        text: `Therapy end date not recorded, so timing cannot be checked: a test of cure is due ≥ 4 weeks after therapy ends, with PPIs stopped 2 weeks before.`,
        source: 'ACG24, BTK-INS',
      });
    } else {
      const dueFrom = addDays(end, TEST_OF_CURE_MIN_DAYS_AFTER_THERAPY);
      const since = daysBetween(end, input.effectiveDate);
      const tooEarly = input.effectiveDate < dueFrom;
      testOfCure = { dueFrom, tooEarly };
      if (tooEarly) {
        if (result === 'negative') possibleFalseNegative = true;
        if (result !== 'positive') falseNegativeReasons.push('test of cure too early');
        findings.push({
          rule: 'test-of-cure-timing',
          status: 'caution',
          text: `Test of cure was too early: ${plural(since, 'day', 'days')} after therapy ended (${end}); it is due from ${dueFrom} (≥ 4 weeks after therapy, PPIs stopped 2 weeks before).${result !== 'positive' ? ` A negative this early may be a false negative: repeat from ${dueFrom}.` : ''}`,
          source: 'ACG24, BTK-INS',
        });
      } else {
        findings.push({
          rule: 'test-of-cure-timing',
          status: 'info',
          text: `Test of cure timing met: ${plural(since, 'day', 'days')} after therapy ended (${end}); due from ${dueFrom}.`,
          source: 'ACG24, BTK-INS',
        });
      }
    }
  }

  if (purpose === 'diagnosis' && result === 'positive') {
    findings.push({
      rule: 'confirm-cure-after-treatment',
      status: 'info',
      text: 'After eradication therapy, confirm cure in every treated patient: urea breath test or stool antigen ≥ 4 weeks after therapy, with PPIs stopped 2 weeks before.',
      source: 'ACG24',
    });
  }

  // --- Flag ---
  let flag: InterpretationFlag;
  if (method === 'serology' && purpose === 'test_of_cure') flag = 'indeterminate'; // serology cannot answer the question asked
  else if (result === 'positive') flag = 'abnormal';
  else if (result === 'indeterminate') flag = 'indeterminate';
  else if (possibleFalseNegative || methodUnsuitable) flag = 'indeterminate';
  else flag = 'normal';

  // --- Summary ---
  const resultWord = method === 'urea_breath_test' && result === 'indeterminate' && criterion?.greyZone ? 'borderline' : result;
  const head = `${purpose === 'test_of_cure' ? 'Test of cure: ' : ''}H. pylori ${SHORT_METHOD[method]} ${resultWord}`;
  const qualifiers: string[] = [];
  if (readingText) qualifiers.push(readingText);
  if (possibleFalseNegative) qualifiers.push(`possibly false negative (${falseNegativeReasons.join('; ')})`);
  else if (result === 'indeterminate' && falseNegativeReasons.length > 0) qualifiers.push(`may read low (${falseNegativeReasons.join('; ')})`);
  if (method === 'serology') qualifiers.push(purpose === 'test_of_cure' ? 'serology cannot confirm cure' : 'cannot show active infection');
  if (method === 'rapid_urease' && purpose === 'test_of_cure') qualifiers.push('RUT not for eradication checks');
  if (testOfCure?.tooEarly && result === 'positive') qualifiers.push(`test of cure earlier than due (${testOfCure.dueFrom})`);
  const summary = qualifiers.length > 0 ? `${head}: ${qualifiers.join('; ')}` : head;

  return {
    flag,
    summary,
    findings,
    method,
    result,
    criterion: criterion?.description ?? null,
    borderline,
    possibleFalseNegative,
    cautions: findings.filter((f) => f.status === 'caution').map((f) => f.text),
    testOfCure,
    loinc: H_PYLORI_LOINC[method],
  };
}
