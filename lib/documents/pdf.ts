import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB } from './categories';

// Is this upload a PDF Axis will keep? Read from the bytes, never the file name or the browser's claim. Pure
// (no I/O), so the upload and the FHIR import (a DocumentReference's attachment) apply the same rules.
//
// What is checked, and why:
// - the PDF header at byte 0 (ISO 32000-1 §7.5.2): a script, page or image renamed .pdf is refused;
// - the end-of-file marker in the last 1,024 bytes (§7.5.5; readers tolerate trailing bytes up to that): a
//   file cut short in transfer is refused rather than kept half-readable;
// - encryption (a trailer /Encrypt entry): a password-protected report cannot be read by the team later;
// - active content visible in the file (/JavaScript, /Launch, embedded files): a lab report never needs
//   them. Objects inside compressed object streams cannot be seen without a full parse, so this is a
//   filter, not the guarantee: the guarantee is that Axis never runs a document's content (the viewer
//   draws pages with pdf.js, which runs no document scripts, and downloads are attachments).

export type PdfCheck = { ok: true } | { ok: false; error: string };

const latin1 = (bytes: Uint8Array, from: number, to: number) => {
  let s = '';
  const end = Math.min(to, bytes.byteLength);
  for (let i = Math.max(0, from); i < end; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
};

/** Searches the bytes as Latin-1 text, in chunks, so a 10 MB file is never turned into one string. */
function containsAny(bytes: Uint8Array, patterns: RegExp): string | null {
  const CHUNK = 256 * 1024;
  const OVERLAP = 32;
  for (let at = 0; at < bytes.byteLength; at += CHUNK) {
    const match = latin1(bytes, at - (at ? OVERLAP : 0), at + CHUNK).match(patterns);
    if (match) return match[0];
  }
  return null;
}

export const NOT_A_PDF = 'This file is not a PDF. Choose the report or letter as a PDF file.';

export function checkPdf(bytes: Uint8Array): PdfCheck {
  if (bytes.byteLength === 0) return { ok: false, error: 'The file is empty.' };
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) return { ok: false, error: `The file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; documents can be up to ${MAX_DOCUMENT_MB} MB.` };
  if (!/^%PDF-[12]\.\d/.test(latin1(bytes, 0, 8))) return { ok: false, error: NOT_A_PDF };
  if (!latin1(bytes, bytes.byteLength - 1024, bytes.byteLength).includes('%%EOF')) {
    return { ok: false, error: 'This PDF is incomplete (it has no end): it may have been cut short while downloading. Save it again from the source and retry.' };
  }
  if (containsAny(bytes, /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/)) {
    return { ok: false, error: 'This PDF is password-protected or encrypted, so the team could not open it later. Ask the sender for an unprotected copy.' };
  }
  const active = containsAny(bytes, /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)\b/);
  if (active) return { ok: false, error: `This PDF contains active content (${active.slice(1)}), which a report or letter never needs. Ask the sender for a plain copy, or print it to a new PDF.` };
  return { ok: true };
}
