import 'server-only';
import QRCode from 'qrcode';

/**
 * A QR code drawn as one SVG path from the library's module matrix: rendered by React, so no
 * generated markup is injected into the page, and it prints crisply at any size.
 */
export function QrCode({ text, label, size = 208 }: { text: string; label: string; size?: number }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4; // the quiet zone scanners need around the symbol
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) path += `M${col + quiet} ${row + quiet}h1v1h-1z`;
    }
  }
  const extent = modules.size + quiet * 2;
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${extent} ${extent}`} shapeRendering="crispEdges" className="rounded border border-slate-200">
      <rect width={extent} height={extent} fill="#ffffff" />
      <path d={path} fill="#0f172a" />
    </svg>
  );
}
