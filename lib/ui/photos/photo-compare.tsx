'use client';

import { useId, useState } from 'react';

export interface ComparedPhoto {
  id: string;
  label: string;
  detail: string;
  width: number;
  height: number;
}

/**
 * Two photos of one site side by side, and an overlay with a slider (the later photo revealed over the earlier
 * one), each labelled with its date and the score recorded nearest to it.
 */
export function PhotoCompare({ before, after }: { before: ComparedPhoto; after: ComparedPhoto }) {
  const [split, setSplit] = useState(50);
  const id = useId();
  const ratio = `${before.width} / ${before.height}`;
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2">
        {[before, after].map((p) => (
          <figure key={p.id} className="space-y-1">
            {/* eslint-disable-next-line @next/next/no-img-element -- served by an authorized, uncached route, not next/image */}
            <img src={`/api/photos/${p.id}/screen`} alt={`${p.label}. ${p.detail}`} width={p.width} height={p.height} className="h-auto w-full rounded-md border border-slate-200" />
            <figcaption className="text-sm">
              <span className="font-semibold text-slate-900">{p.label}</span>
              <span className="block text-slate-600">{p.detail}</span>
            </figcaption>
          </figure>
        ))}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Overlay</h3>
        <div className="relative w-full max-w-2xl overflow-hidden rounded-md border border-slate-200" style={{ aspectRatio: ratio }}>
          {/* eslint-disable-next-line @next/next/no-img-element -- see above */}
          <img src={`/api/photos/${before.id}/screen`} alt={`Earlier: ${before.label}`} className="absolute inset-0 h-full w-full object-cover" />
          {/* eslint-disable-next-line @next/next/no-img-element -- see above */}
          <img src={`/api/photos/${after.id}/screen`} alt={`Later: ${after.label}`} className="absolute inset-0 h-full w-full object-cover" style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }} />
        </div>
        <label htmlFor={id} className="mt-2 block text-sm text-slate-700">
          Reveal the later photo ({split}%)
        </label>
        <input id={id} type="range" min={0} max={100} value={split} onChange={(e) => setSplit(Number(e.target.value))} className="w-full max-w-2xl" />
      </div>
    </div>
  );
}
