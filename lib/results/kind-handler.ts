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

export interface ResultKindHandler<Schema extends z.ZodType = z.ZodType> {
  kind: ResultKind;
  label: string;
  schema: Schema;
  derive(input: z.output<Schema>): DerivedResult;
}
