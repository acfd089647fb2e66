// What a kept document is. Browser-safe: the upload form lists them, the server checks against them.

export const DOCUMENT_CATEGORIES = {
  lab_report: 'Lab report',
  referral_letter: 'Referral letter',
  clinic_letter: 'Clinic letter',
  other: 'Other document',
} as const;

export type DocumentCategory = keyof typeof DOCUMENT_CATEGORIES;
export const DOCUMENT_CATEGORY_IDS = Object.keys(DOCUMENT_CATEGORIES) as [DocumentCategory, ...DocumentCategory[]];

export function isDocumentCategory(value: string): value is DocumentCategory {
  return Object.hasOwn(DOCUMENT_CATEGORIES, value);
}

/** 10 MB: lab reports are tens to hundreds of kB, a scanned letter a few MB. Mirrored by the upload form. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENT_MB = MAX_DOCUMENT_BYTES / 1024 / 1024;
