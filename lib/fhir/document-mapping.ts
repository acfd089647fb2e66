// A DocumentReference from an uploaded bundle, read as a document Axis keeps (lib/documents): a PDF carried in
// the bundle, checked exactly as an upload is (lib/documents/pdf.ts), plus what the bundle itself promises about
// it (size, SHA-1 hash). Pure: lib/fhir/import-mapping.ts parses the resource and calls this.
import { createHash } from 'node:crypto';
import { DOCUMENT_CATEGORIES, isDocumentCategory, type DocumentCategory } from '@/lib/documents/categories';
import { checkPdf } from '@/lib/documents/pdf';
import { DOCUMENT_TYPE_LOINC, SYSTEMS } from './codes';

export interface ImportDocumentCandidate {
  key: string;
  source: string;
  title: string;
  category: DocumentCategory;
  categoryLabel: string;
  documentDate: string;
  byteSize: number;
  sha256: string;
  /** The key of the imported result it belongs to (DocumentReference.context.related), if any. */
  relatedCandidateKey: string | null;
  identityMismatch: string | null;
  /** The PDF itself: only when the save asks for it, never sent to the browser with the preview. */
  bytes?: Uint8Array;
}

interface Coding {
  system?: string;
  code?: string;
}
export interface DocumentReferenceFields {
  status: string;
  docStatus?: string;
  type?: { coding?: Coding[]; text?: string };
  description?: string;
  date?: string;
  content: { attachment: { contentType?: string; data?: string; url?: string; size?: number; hash?: string; title?: string; creation?: string } }[];
}

export type MappedDocument =
  | { ok: true; document: Omit<ImportDocumentCandidate, 'key' | 'source' | 'relatedCandidateKey' | 'identityMismatch'> & { bytes: Uint8Array } }
  | { ok: false; reason: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}/;
const LOINC_CATEGORY = new Map(Object.entries(DOCUMENT_TYPE_LOINC).map(([category, loinc]) => [loinc?.code, category as DocumentCategory]));

function categoryOf(type: DocumentReferenceFields['type']): DocumentCategory {
  for (const c of type?.coding ?? []) {
    if (c.system === SYSTEMS.axisDocumentCategory && c.code && isDocumentCategory(c.code)) return c.code;
    if (c.system === SYSTEMS.loinc && LOINC_CATEGORY.has(c.code)) return LOINC_CATEGORY.get(c.code) as DocumentCategory;
  }
  return 'other';
}

const mediaType = (contentType: string | undefined) => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** What Axis would keep from this DocumentReference, or why it keeps nothing. `latest` is the last acceptable date. */
export function mapDocumentReference(d: DocumentReferenceFields, today: string, latest: string): MappedDocument {
  if (d.status !== 'current') return { ok: false, reason: `Its status is "${d.status}": only current documents are imported.` };
  if (d.docStatus === 'entered-in-error' || d.docStatus === 'preliminary') return { ok: false, reason: `Its document status is "${d.docStatus}": only final or amended documents are imported.` };
  const pdf = d.content.find((c) => mediaType(c.attachment.contentType) === 'application/pdf');
  if (!pdf) {
    const types = [...new Set(d.content.map((c) => mediaType(c.attachment.contentType) || 'no stated type'))];
    return { ok: false, reason: `Its attachment is ${types.join(', ')}: Axis keeps PDF documents only (treatment notes are written in Axis, not imported).` };
  }
  const { attachment } = pdf;
  if (!attachment.data) {
    return { ok: false, reason: attachment.url ? 'The PDF is given only by its address (attachment.url), not carried in the bundle. Ask the sender to include the file itself (attachment.data).' : 'The PDF attachment carries no file (attachment.data is missing).' };
  }
  const data = attachment.data.replace(/\s+/g, '');
  if (!BASE64.test(data) || data.length % 4 === 1) return { ok: false, reason: 'The PDF attachment is not valid base64, so the file cannot be read.' };
  const bytes = new Uint8Array(Buffer.from(data, 'base64'));
  if (typeof attachment.size === 'number' && attachment.size !== bytes.byteLength) {
    return { ok: false, reason: `The attachment says it is ${attachment.size.toLocaleString('en-US')} bytes but carries ${bytes.byteLength.toLocaleString('en-US')}: it may have been cut short. Ask the sender to send it again.` };
  }
  if (attachment.hash && attachment.hash !== createHash('sha1').update(bytes).digest('base64')) {
    return { ok: false, reason: 'The file does not match its SHA-1 hash (attachment.hash): it was altered or damaged on the way. Ask the sender to send it again.' };
  }
  const check = checkPdf(bytes);
  if (!check.ok) return { ok: false, reason: `The attached file was refused: ${check.error}` };
  const category = categoryOf(d.type);
  const categoryLabel = DOCUMENT_CATEGORIES[category];
  const stated = [attachment.creation, d.date].find((v) => v && DATE.test(v))?.slice(0, 10);
  const documentDate = stated ?? today;
  if (documentDate > latest) return { ok: false, reason: `The document date ${documentDate} is in the future.` };
  const title = (attachment.title ?? d.description ?? d.type?.text ?? categoryLabel).trim().slice(0, 200) || categoryLabel;
  return { ok: true, document: { title, category, categoryLabel, documentDate, byteSize: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), bytes } };
}
