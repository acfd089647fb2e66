import type { z } from 'zod';
import type { ResultFlag, ResultKind } from '@/db/schema/enum-values';

/** What a kind's pure rules produce from validated input; stored beside the input, never hand-typed. */
export interface DerivedResult {
  effectiveDate: string;
  title: string;
  summary: string;
  flag: ResultFlag;
  criteriaSet: string | null;
  loincCode: string | null;
  instrument?: string;
  value?: number;
  interpretation: Record<string, unknown>;
}

/** What some rules need to know of the patient: adult bands are never applied to a child (DOMAIN.md §8). */
export interface DerivationPatient {
  dateOfBirth: string;
}

export interface ResultKindHandler<Schema extends z.ZodType = z.ZodType> {
  kind: ResultKind;
  label: string;
  schema: Schema;
  derive(input: z.output<Schema>, patient: DerivationPatient): DerivedResult;
}

/** The columns of a `results` row that come from the derivation, as every writer stores them. */
export function derivedColumns(d: DerivedResult) {
  return {
    effectiveDate: d.effectiveDate,
    title: d.title,
    summary: d.summary,
    flag: d.flag,
    criteriaSet: d.criteriaSet,
    loincCode: d.loincCode,
    instrument: d.instrument ?? null,
    value: d.value ?? null,
    interpretation: d.interpretation,
  };
}
