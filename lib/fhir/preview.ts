import type { ResultFlag, ResultKind } from '@/lib/results/result-kinds';
import type { ImportPlan } from './import-mapping';

// What the import page shows: the plan without the mapped inputs (the save re-reads the bundle on the
// server, so the browser never needs, and never sends back, the values themselves).

export interface ImportPreview {
  fingerprint: string;
  candidates: { key: string; kind: ResultKind; title: string; summary: string; flag: ResultFlag; effectiveDate: string; sources: string[]; identityMismatch: string | null }[];
  /** PDFs to keep as documents (never their bytes). */
  documents: { key: string; title: string; categoryLabel: string; documentDate: string; byteSize: number; source: string; relatedTo: string | null; identityMismatch: string | null }[];
  notImported: { source: string; description: string; reason: string }[];
}

export function toImportPreview(plan: ImportPlan): ImportPreview {
  return {
    fingerprint: plan.fingerprint,
    candidates: plan.candidates.map(({ key, kind, title, summary, flag, effectiveDate, sources, identityMismatch }) => ({ key, kind, title, summary, flag, effectiveDate, sources, identityMismatch })),
    documents: plan.documents.map((d) => ({
      key: d.key,
      title: d.title,
      categoryLabel: d.categoryLabel,
      documentDate: d.documentDate,
      byteSize: d.byteSize,
      source: d.source,
      relatedTo: plan.candidates.find((c) => c.key === d.relatedCandidateKey)?.title ?? null,
      identityMismatch: d.identityMismatch,
    })),
    notImported: plan.notImported,
  };
}
