import type { ResultFlag, ResultKind } from '@/lib/results/result-kinds';
import type { ImportPlan } from './import-mapping';

// What the import page shows: the plan without the mapped inputs (the save re-reads the bundle on the
// server, so the browser never needs, and never sends back, the values themselves).

export interface ImportPreview {
  fingerprint: string;
  candidates: { key: string; kind: ResultKind; title: string; summary: string; flag: ResultFlag; effectiveDate: string; sources: string[]; identityMismatch: string | null }[];
  notImported: { source: string; description: string; reason: string }[];
}

export function toImportPreview(plan: ImportPlan): ImportPreview {
  return {
    fingerprint: plan.fingerprint,
    candidates: plan.candidates.map(({ key, kind, title, summary, flag, effectiveDate, sources, identityMismatch }) => ({ key, kind, title, summary, flag, effectiveDate, sources, identityMismatch })),
    notImported: plan.notImported,
  };
}
