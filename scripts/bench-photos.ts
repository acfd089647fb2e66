// `npm run bench:photos`: how long processing one phone-sized photo takes on this machine, and what each
// stored rendition weighs (docs/PHOTOS.md uses these figures). Prints numbers; asserts nothing.
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { processPhoto } from '../lib/photos/process';

async function phonePhoto(targetBytes: number): Promise<Buffer> {
  // A 12-megapixel frame with fine grain, re-encoded until it is about the size a phone writes.
  for (const quality of [98, 95, 92, 90, 85]) {
    const jpeg = await sharp({ create: { width: 4032, height: 3024, channels: 3, background: { r: 205, g: 160, b: 140 }, noise: { type: 'gaussian', mean: 128, sigma: 24 } } })
      .jpeg({ quality })
      .toBuffer();
    if (jpeg.length <= targetBytes * 1.15) return jpeg;
  }
  throw new Error('could not make a test photo of that size');
}

async function smoothPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 4032, height: 3024, channels: 3, background: { r: 205, g: 160, b: 140 } } }).jpeg({ quality: 92 }).toBuffer();
}

async function measure(label: string, input: Buffer, runs = 5) {
  const times: number[] = [];
  let sizes = { thumb: 0, screen: 0 };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = await processPhoto(new Uint8Array(input));
    times.push(performance.now() - t0);
    if (!out.ok) throw new Error(out.error);
    sizes = { thumb: out.photo.renditions[0]?.bytes.byteLength ?? 0, screen: out.photo.renditions[1]?.bytes.byteLength ?? 0 };
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`${label.padEnd(34)} input ${(input.length / 1e6).toFixed(1)} MB  median ${median.toFixed(0)} ms  max ${(times.at(-1) ?? 0).toFixed(0)} ms  thumb ${(sizes.thumb / 1024).toFixed(0)} KiB  screen ${(sizes.screen / 1024).toFixed(0)} KiB`);
  return sizes;
}

async function main() {
  const grainy = await phonePhoto(10 * 1024 * 1024);
  const worst = await measure('10 MB phone photo (grainy, 12 MP)', grainy);
  const best = await measure('smooth 12 MP photo', await smoothPhoto());
  const perPhoto = (worst.thumb + worst.screen) / 1024;
  console.log(`stored per photo: ${((best.thumb + best.screen) / 1024).toFixed(0)}–${perPhoto.toFixed(0)} KiB; 100,000 patients × 10 photos at the upper bound: ${((perPhoto * 1024 * 1_000_000) / 1e9).toFixed(0)} GB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
