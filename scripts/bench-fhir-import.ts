// `npm run bench:fhir-import`: how long reading and planning a bundle at the 5 MB limit takes on this machine,
// stage by stage (the streamed read the browser does, the server's byte and depth checks, JSON.parse, the
// mapping). Prints numbers; asserts nothing. The bundle is the Synthea-style fixture grown to ~5 MB.
import { performance } from 'node:perf_hooks';
import { jsonNestingDepth, MAX_BUNDLE_BYTES, readBundleStream, utf8ByteLength } from '../lib/fhir/bundle-limits';
import { planBundleImport } from '../lib/fhir/import-mapping';
import { syntheaStyleBundle } from '../tests/unit/fhir/synthea-style-bundle';

const MRN = 'AX-100155';

function bundleNear(limit: number): string {
  let years = 10;
  let text = syntheaStyleBundle({ mrn: MRN, years });
  while (Buffer.byteLength(text) < limit * 0.9) {
    years = Math.ceil(years * ((limit * 0.95) / Buffer.byteLength(text)));
    text = syntheaStyleBundle({ mrn: MRN, years });
  }
  while (Buffer.byteLength(text) > limit) text = syntheaStyleBundle({ mrn: MRN, years: --years });
  return text;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function time(label: string, runs: number, work: () => unknown | Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(46)} median ${median(times).toFixed(1).padStart(7)} ms   max ${Math.max(...times).toFixed(1).padStart(7)} ms`);
}

async function main() {
  const text = bundleNear(MAX_BUNDLE_BYTES);
  const bytes = new TextEncoder().encode(text);
  const entries = (JSON.parse(text) as { entry: unknown[] }).entry.length;
  console.log(`Bundle: ${bytes.byteLength.toLocaleString('en-US')} bytes, ${entries.toLocaleString('en-US')} entries (limit ${MAX_BUNDLE_BYTES.toLocaleString('en-US')} bytes)\n`);
  const RUNS = 7;
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.byteLength; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
        controller.close();
      },
    });
  await time('streamed read (UTF-8, bytes, nesting), 64 kB chunks', RUNS, () => readBundleStream(stream()));
  await time('server: UTF-8 byte count', RUNS, () => utf8ByteLength(text));
  await time('server: nesting scan', RUNS, () => jsonNestingDepth(text));
  await time('server: JSON.parse', RUNS, () => JSON.parse(text));
  await time('server: whole plan (checks + parse + mapping)', RUNS, () => {
    const outcome = planBundleImport(text, { mrn: MRN, dateOfBirth: '1950-10-24' });
    if (!outcome.ok) throw new Error(outcome.error);
  });
  const before = process.memoryUsage().heapUsed;
  const outcome = planBundleImport(text, { mrn: MRN, dateOfBirth: '1950-10-24' });
  console.log(`\nHeap growth for one plan: ${((process.memoryUsage().heapUsed - before) / 1024 / 1024).toFixed(1)} MB (before GC); ${outcome.ok ? `${outcome.plan.candidates.length} results, ${outcome.plan.notImported.length} listed as not imported` : outcome.error}`);
}

void main();
