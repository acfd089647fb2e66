// Reading a stool test report (DOMAIN.md §8), with the source beside every threshold. Calprotectin is read
// against the lab's own interval (global cut-offs differ by lab and pathway and several are UNVERIFIED), never
// with adult bands under 18; elastase by the AGA 2023 bands; a FIT at or above 10 µg Hb/g is a referral on the
// suspected-cancer pathway and never a diet matter; a microbiome report is research-grade: shown with its
// provenance, never turned into a diagnosis or advice. Pure.

import { daysBetween } from '@/lib/clinical/dates';
import type { Finding } from '@/lib/clinical/interpretation';
import type { StoolTestInput } from './schema';

/** The common finding (positive = outside the lab's interval, negative = within it, flag = borderline), plus its analyte. */
export interface StoolFinding extends Finding {
  analyte: 'calprotectin' | 'elastase' | 'fit' | 'microbiome';
}

export interface StoolInterpretation {
  flag: 'normal' | 'abnormal' | 'indeterminate' | 'info';
  summary: string;
  findings: StoolFinding[];
  /** A FIT at or above the threshold: refer on the suspected-cancer pathway [NICE-FIT]. */
  referral: boolean;
  /** False whenever a result must never lead to a diet, supplement, probiotic or antibiotic suggestion. */
  dietAdviceAllowed: boolean;
  /** A microbiome report is present: every view labels it "research-grade, not diagnostic". */
  researchGrade: boolean;
}

/** LOINC: 38445-3 calprotectin in stool, 25907-7 pancreatic elastase in stool (DOMAIN.md §8.5; displays UNVERIFIED, so none is kept). FIT has none in DOMAIN.md. */
export const STOOL_LOINC = { calprotectin: '38445-3', elastase: '25907-7' } as const;

/** Elastase-1, µg/g: <100 indicates EPI, 100–<200 indeterminate, ≥200 normal [AGA-EPI], [ARUP-FE]. */
export const ELASTASE_EPI_BELOW = 100;
export const ELASTASE_NORMAL_FROM = 200;
/** FIT, µg Hb/g: ≥10 → refer adults on the suspected-cancer pathway (HM-JACKarc, OC-Sensor) [NICE-FIT]. */
export const FIT_REFER_FROM = 10;
/** The elastase reference range is not valid in the first month of life [ARUP-FE]. */
const ELASTASE_MIN_AGE_DAYS = 30;
/** One lab: calprotectin "may not be clinically applicable" under 2 years [LABCORP-FC]. */
const CALPROTECTIN_INFANT_YEARS = 2;

function ageAt(dateOfBirth: string, on: string): { days: number; years: number } {
  const days = daysBetween(dateOfBirth, on);
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  let years = (oy ?? 0) - (by ?? 0);
  if ((om ?? 0) < (bm ?? 0) || ((om ?? 0) === (bm ?? 0) && (od ?? 0) < (bd ?? 0))) years -= 1;
  return { days, years };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 10) / 10));

export function interpretStoolTest(input: StoolTestInput, patient: { dateOfBirth: string }): StoolInterpretation {
  const findings: StoolFinding[] = [];
  const age = ageAt(patient.dateOfBirth, input.effectiveDate);
  const adult = age.years >= 18;

  if (input.calprotectin) {
    const c = input.calprotectin;
    const value = c.value; // mg/kg and µg/g are the same quantity [MLABS]
    const interval = `${c.laboratory}: below ${fmt(c.labInterval.normalBelow)} µg/g${c.labInterval.indeterminateUpTo !== undefined ? `, borderline to ${fmt(c.labInterval.indeterminateUpTo)}` : ''}`;
    if (!adult) {
      findings.push({
        analyte: 'calprotectin',
        rule: 'calprotectin-paediatric',
        status: 'info',
        text: `Calprotectin ${fmt(value)} µg/g (lab interval ${interval}). Children have higher values that fall with age: adult bands are not applied under 18, and paediatric interpretation needs a clinician.`,
        source: 'ESPGHAN-FC, FC-PAED-UK',
      });
      if (age.years < CALPROTECTIN_INFANT_YEARS) {
        findings.push({ analyte: 'calprotectin', rule: 'calprotectin-infant', status: 'caution', text: 'Under 2 years, calprotectin may not be clinically applicable.', source: 'LABCORP-FC' });
      }
    } else if (value < c.labInterval.normalBelow) {
      findings.push({ analyte: 'calprotectin', rule: 'calprotectin-within', status: 'negative', label: 'Within lab range', text: `Calprotectin ${fmt(value)} µg/g is within the lab's reference interval (${interval}).`, source: 'lab report, NICE-DG11' });
    } else if (c.labInterval.indeterminateUpTo !== undefined && value <= c.labInterval.indeterminateUpTo) {
      findings.push({
        analyte: 'calprotectin',
        rule: 'calprotectin-borderline',
        status: 'flag',
        label: 'Borderline',
        text: `Calprotectin ${fmt(value)} µg/g is in the lab's borderline range (${interval}): pathways often repeat the test after some weeks.`,
        source: 'lab report, NICE-DG11',
      });
    } else {
      findings.push({
        analyte: 'calprotectin',
        rule: 'calprotectin-above',
        status: 'positive',
        label: 'Above lab range',
        text: `Calprotectin ${fmt(value)} µg/g is above the lab's reference interval (${interval}): a marker of intestinal inflammation that helps separate IBD from IBS. It is not a cancer test and does not diagnose dysbiosis or a "leaky gut".`,
        source: 'NICE-DG11, ESPGHAN-FC',
      });
    }
    if (c.nsaidsWithinTwoWeeks) findings.push({ analyte: 'calprotectin', rule: 'calprotectin-nsaids', status: 'caution', text: 'NSAIDs taken before the sample can raise calprotectin.', source: 'LABCORP-FC' });
    findings.push({ analyte: 'calprotectin', rule: 'calprotectin-assay', status: 'info', text: `Compare only with results from the same lab and assay (${c.assay}): assays are not interchangeable.`, source: 'MLABS' });
  }

  if (input.elastase) {
    const e = input.elastase;
    if (age.days < ELASTASE_MIN_AGE_DAYS) {
      findings.push({ analyte: 'elastase', rule: 'elastase-neonate', status: 'info', text: `Elastase ${fmt(e.value)} µg/g: the reference range is not valid in the first month of life.`, source: 'ARUP-FE' });
    } else if (e.value < ELASTASE_EPI_BELOW) {
      findings.push({ analyte: 'elastase', rule: 'elastase-low', status: 'positive', label: 'Low', text: `Elastase ${fmt(e.value)} µg/g is below ${ELASTASE_EPI_BELOW}: this indicates exocrine pancreatic insufficiency.`, source: 'AGA-EPI, ARUP-FE' });
    } else if (e.value < ELASTASE_NORMAL_FROM) {
      findings.push({ analyte: 'elastase', rule: 'elastase-indeterminate', status: 'flag', label: 'Indeterminate', text: `Elastase ${fmt(e.value)} µg/g is between ${ELASTASE_EPI_BELOW} and ${ELASTASE_NORMAL_FROM}: indeterminate.`, source: 'AGA-EPI' });
    } else {
      findings.push({ analyte: 'elastase', rule: 'elastase-normal', status: 'negative', label: 'Normal', text: `Elastase ${fmt(e.value)} µg/g is ${ELASTASE_NORMAL_FROM} or more: normal.`, source: 'ARUP-FE' });
    }
    if (e.consistency === 'watery' && e.value < ELASTASE_NORMAL_FROM) {
      findings.push({
        analyte: 'elastase',
        rule: 'elastase-watery',
        status: 'caution',
        text: 'The sample was watery: dilution can make elastase read falsely low, so a low value here does not establish insufficiency. Repeat on a formed or semi-solid sample.',
        source: 'MAYO-FE, AGA-EPI',
      });
    }
    if (e.onPert) findings.push({ analyte: 'elastase', rule: 'elastase-pert', status: 'info', text: 'Taken on pancreatic enzyme replacement: sources differ on whether it matters; follow the lab’s own instruction.', source: 'AGA-EPI, ARUP-FE, MAYO-FE' });
  }

  let referral = false;
  if (input.fit) {
    const f = input.fit;
    if (!adult) {
      findings.push({ analyte: 'fit', rule: 'fit-not-adult', status: 'caution', text: `FIT ${fmt(f.value)} µg Hb/g: the referral threshold is set for adults; a clinician decides.`, source: 'NICE-FIT' });
    } else if (f.value >= FIT_REFER_FROM) {
      referral = true;
      findings.push({
        analyte: 'fit',
        rule: 'fit-refer',
        status: 'urgent',
        text: `FIT ${fmt(f.value)} µg Hb/g is ${FIT_REFER_FROM} or more: refer on the suspected-cancer pathway. This is for a clinician, never a diet or supplement change.`,
        source: 'NICE-FIT',
      });
    } else {
      findings.push({ analyte: 'fit', rule: 'fit-below', status: 'negative', label: 'Below threshold', text: `FIT ${fmt(f.value)} µg Hb/g is below ${FIT_REFER_FROM}; red-flag symptoms still go to a clinician.`, source: 'NICE-FIT' });
    }
  }

  if (input.microbiome) {
    const m = input.microbiome;
    const method = m.method === '16s' ? '16S rRNA amplicon sequencing' : m.method === 'shotgun' ? 'shotgun (whole-genome) sequencing' : 'sequencing';
    findings.push({
      analyte: 'microbiome',
      rule: 'microbiome-research-grade',
      status: 'info',
      text: `Microbiome report by ${m.laboratory} (${method}), ordered by ${m.orderedBy}: research-grade, not diagnostic. No validated reference range or link to treatment exists, so nothing here is a diagnosis or a reason to change diet, supplements, probiotics or antibiotics.`,
      source: 'PORCARI, NEXUS',
    });
    if (m.labIndex) {
      const range = m.labIndex.labRange ? ` (lab's range ${m.labIndex.labRange.low ?? '–'} to ${m.labIndex.labRange.high ?? '–'})` : '';
      findings.push({ analyte: 'microbiome', rule: 'microbiome-lab-index', status: 'info', text: `The lab's own index "${m.labIndex.name}": ${fmt(m.labIndex.value)}${range}. Such indices vary in method and are not a diagnosis.`, source: 'NEXUS' });
    }
    if (m.scfa.length > 0) {
      findings.push({ analyte: 'microbiome', rule: 'microbiome-scfa', status: 'info', text: 'Short-chain fatty acids (e.g. butyrate) are shown with the lab’s own ranges; no guideline reference range exists, so they are not diagnostic.', source: 'HM-SCFA' });
    }
  }

  const statuses = findings.map((f) => f.status);
  const flag: StoolInterpretation['flag'] = statuses.some((s) => s === 'urgent' || s === 'positive')
    ? 'abnormal'
    : statuses.some((s) => s === 'flag' || s === 'caution')
      ? 'indeterminate'
      : statuses.some((s) => s === 'negative')
        ? 'normal'
        : 'info';
  const headline = findings.find((f) => f.status === 'urgent') ?? findings.find((f) => f.status === 'positive') ?? findings.find((f) => f.status === 'flag') ?? findings[0];
  return {
    flag,
    summary: headline ? headline.text : 'No analyte was entered.',
    findings,
    referral,
    // A FIT at the threshold is a referral and a microbiome report is research-grade: neither ever suggests diet.
    dietAdviceAllowed: !referral && !input.microbiome,
    researchGrade: Boolean(input.microbiome),
  };
}
