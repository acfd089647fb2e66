import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../../lib/documents/categories';
import { checkPdf, NOT_A_PDF } from '../../../lib/documents/pdf';
import { demoPdf } from '../../../db/seed/demo-pdf';

// What lib/documents/pdf.ts accepts, read from the bytes: a real PDF (written by PDFKit), and the refusals,
// each with its own message. Nothing here trusts a file name.

const enc = (s: string) => new TextEncoder().encode(s);
const minimal = (body = '') => enc(`%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n${body}trailer << /Root 1 0 R >>\n%%EOF\n`);

describe('checkPdf', () => {
  it('accepts a real PDF', async () => {
    const pdf = await demoPdf('Laboratory report', ['Calprotectin 40 µg/g']);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(checkPdf(pdf)).toEqual({ ok: true });
    expect(checkPdf(minimal())).toEqual({ ok: true });
  });

  it('refuses a script, a page, an image and text renamed .pdf', async () => {
    for (const body of ['<script>alert(1)</script>', '<!doctype html><html><body>report</body></html>', 'MZ\x90\x00', '#!/bin/sh\nrm -rf /', 'Calprotectin 40']) {
      expect(checkPdf(enc(body))).toEqual({ ok: false, error: NOT_A_PDF });
    }
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(checkPdf(png)).toEqual({ ok: false, error: NOT_A_PDF });
    // A header further in (some readers tolerate junk first) is still refused: the first bytes decide.
    expect(checkPdf(enc(`<html>\n${new TextDecoder().decode(minimal())}`))).toEqual({ ok: false, error: NOT_A_PDF });
  });

  it('refuses an empty file, an oversized one, and one cut short', async () => {
    expect(checkPdf(new Uint8Array())).toMatchObject({ ok: false, error: 'The file is empty.' });
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(minimal());
    expect(checkPdf(big)).toMatchObject({ ok: false, error: expect.stringMatching(/up to 10 MB/) });
    const pdf = await demoPdf('Report', ['line']);
    expect(checkPdf(pdf.subarray(0, Math.floor(pdf.byteLength / 2)))).toMatchObject({ ok: false, error: expect.stringMatching(/incomplete/) });
  });

  it('refuses an encrypted PDF and one with scripts, launch actions or embedded files', () => {
    expect(checkPdf(minimal('trailer << /Encrypt 9 0 R >>\n'))).toMatchObject({ ok: false, error: expect.stringMatching(/password-protected/) });
    expect(checkPdf(minimal('3 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n'))).toMatchObject({ ok: false, error: expect.stringMatching(/active content \(JavaScript\)/) });
    expect(checkPdf(minimal('3 0 obj << /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj\n'))).toMatchObject({ ok: false, error: expect.stringMatching(/Launch/) });
    expect(checkPdf(minimal('3 0 obj << /Names << /EmbeddedFiles 4 0 R >> >> endobj\n'))).toMatchObject({ ok: false, error: expect.stringMatching(/EmbeddedFiles/) });
  });

  it('does not mistake similar names for active content', () => {
    expect(checkPdf(minimal('3 0 obj << /JSONData 1 /JS1 2 /Font << /F1 5 0 R >> >> endobj\n'))).toEqual({ ok: true });
  });

  it('finds a marker that straddles its search chunks', () => {
    const filler = 'x'.repeat(256 * 1024 - 20);
    expect(checkPdf(minimal(`${filler}3 0 obj << /S /JavaScript >> endobj\n`))).toMatchObject({ ok: false });
  });
});
