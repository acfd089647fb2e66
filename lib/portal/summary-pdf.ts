import 'server-only';
import PDFDocument from 'pdfkit';
import { formatDate, sexLabel, specialtyLabel } from '@/lib/ui/format';
import { untilForPatient } from './plain-language';
import type { PortalSummary } from './queries';
import type { ProtocolView } from '@/lib/reintroduction/queries';
import { protocolSummaryLines, visibleScoreStrip } from '@/lib/reintroduction/plain-language';

// The patient's summary as a PDF they can take to another doctor: the same content as the portal page
// (conditions, care team, plan, shared results with their plain-language explanation, shared notes,
// score values), as text, in PDFKit's built-in Helvetica so no font files are needed.

/** The built-in fonts cover Windows-1252 only: spell out the few symbols our texts use beyond it. */
export function pdfSafe(text: string): string {
  return text
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[−‐‑]/g, '-')
    .replace(/→/g, '->')
    .replace(/[₀-₉]/g, (d) => String(d.charCodeAt(0) - 0x2080))
    .replace(/[^\n\t\u0020-\u007e\u00a0-\u00ff‘’“”–—•…‰€]/gu, '?');
}

/** Notes are Markdown; the PDF shows their words without the markup. */
function stripMarkdown(md: string): string {
  return md
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(\*|_)(.*?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/^\s*[-*+]\s+/gm, '• ');
}

const INK = '#0f172a';
const MUTED = '#334155';

/** The patient's food elimination and reintroduction plan (lib/reintroduction), when they have one to show. */
export async function renderSummaryPdf(s: PortalSummary, protocol: ProtocolView | null = null): Promise<Buffer> {
  const fullName = `${s.patient.givenName} ${s.patient.familyName}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: `Health summary for ${fullName}`, Author: 'Axis', Subject: 'Patient health summary' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const text = (t: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfSafe(t), options);
  const heading = (t: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(15).fillColor(INK);
    text(t);
    doc.moveDown(0.3).font('Helvetica').fontSize(11).fillColor(INK);
  };
  const sub = (t: string) => {
    doc.font('Helvetica-Bold').fontSize(12).fillColor(INK);
    text(t);
    doc.font('Helvetica').fontSize(11);
  };
  const muted = (t: string) => {
    doc.fillColor(MUTED).fontSize(10);
    text(t);
    doc.fillColor(INK).fontSize(11);
  };

  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK);
  text(`Health summary for ${fullName}`);
  doc.font('Helvetica').fontSize(11);
  text(`Born ${formatDate(s.patient.dateOfBirth)} · ${sexLabel(s.patient.sex)} · record number ${s.patient.mrn}`);
  muted(`Printed ${formatDate(s.generatedAt)} from Axis. It shows what the care team has shared with the patient.`);

  heading('Conditions');
  if (s.conditions.length === 0) text('No conditions are recorded.');
  for (const c of s.conditions) {
    text(`• ${c.display} (${c.code})${c.clinicalStatus !== 'active' ? `, ${c.clinicalStatus}` : ''}${c.onsetDate ? `, since ${formatDate(c.onsetDate)}` : ''}`);
  }

  heading('Care team');
  if (s.careTeam.length === 0) text('No clinicians are assigned yet.');
  for (const m of s.careTeam) text(`• ${m.name}, ${specialtyLabel(m.specialty)}${m.role === 'lead' ? ' (lead)' : ''}`);

  heading('Current plan');
  if (s.plan.length === 0) text('There is nothing in the plan right now.');
  for (const item of s.plan) {
    sub(`${item.title}${item.paused ? ' (paused)' : ''}`);
    text(`What: ${item.kindLabel}${item.details && item.details !== item.title ? `: ${item.details}` : ''}`);
    text(`Why: ${item.why}`);
    text(`Until when: ${untilForPatient(item.until, formatDate)}`);
    text(`Who: ${item.ownerName} (${specialtyLabel(item.ownerSpecialty)})`);
    doc.moveDown(0.5);
  }

  heading('Results shared by the care team');
  if (s.results.length === 0) text('No results have been shared yet.');
  for (const r of s.results) {
    sub(`${r.title}`);
    muted(`${r.kindLabel} · ${formatDate(r.effectiveDate)} · shared by ${r.sharedByName}`);
    text(r.explanation.headline);
    for (const p of r.explanation.paragraphs) text(p);
    if (r.explanation.caution) text(`Please note: ${r.explanation.caution}`);
    if (r.messageToPatient) text(`Message from ${r.sharedByName}: ${r.messageToPatient}`);
    doc.moveDown(0.5);
  }

  heading('Notes from the care team');
  if (s.notes.length === 0) text('No notes have been shared yet.');
  for (const n of s.notes) {
    muted(`${n.authorName}${n.authorSpecialty ? ` (${specialtyLabel(n.authorSpecialty)})` : ''} · ${formatDate(n.signedAt)}${n.isAmendment ? ' · updated' : ''}`);
    text(stripMarkdown(n.body));
    doc.moveDown(0.5);
  }

  heading('Scores over time');
  if (s.scoreTrends.length === 0) text('There are no scores to show yet.');
  for (const t of s.scoreTrends) {
    sub(`${t.label} (${t.fullName}), range ${t.min}–${t.max}`);
    text(t.points.map((p) => `${formatDate(p.effectiveDate)}: ${p.value}${p.reportedByMe ? ' (self-reported)' : ''}`).join('; '));
    doc.moveDown(0.5);
  }

  if (s.scoreChanges.length > 0) {
    heading('How your scores changed');
    for (const c of s.scoreChanges) {
      sub(`${c.instrumentLabel} since ${c.interventionTitle}${c.early ? ' (early days)' : ''}`);
      text(c.text);
      doc.moveDown(0.5);
    }
  }

  if (protocol) {
    heading('Food elimination and reintroduction');
    // The skin score over the same dates, from what the patient may see (shared or self-reported scores).
    const strip = protocol.scoreStrip ?? visibleScoreStrip(protocol.schedule, s.scoreTrends);
    for (const line of protocolSummaryLines({ ...protocol, scoreStrip: strip }, formatDate)) text(line);
  }

  doc.end();
  return done;
}
