import PDFDocument from 'pdfkit';

// A real PDF for the demo clinic and the tests (no server-only import, so browser tests can write one too).

/** A short, plain PDF: a heading, a few lines, a footer saying it is generated demo material. */
export async function demoPdf(heading: string, lines: string[]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: heading, Producer: 'Axis demo data' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.font('Helvetica-Bold').fontSize(18).fillColor('#0f172a').text(heading);
  doc.moveDown();
  doc.font('Helvetica').fontSize(11).fillColor('#1e293b');
  for (const line of lines) doc.text(line).moveDown(0.4);
  doc.moveDown(2).fontSize(9).fillColor('#475569').text('Generated demonstration document for the Axis demo clinic. Not a real patient or laboratory.');
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
