// The limits an uploaded FHIR Bundle is held to, measured the same way in the browser and on the server:
// in UTF-8 bytes (what travels and what the server's body limit counts), never in characters, since tabs,
// quotes and non-ASCII text take more bytes than characters. Pure and browser-safe.

/** 5 MB per bundle: a full-history Synthea patient is about 1.2 MB; a lab's bundle tens of kB. */
export const MAX_BUNDLE_BYTES = 5_000_000;
/**
 * FHIR resources nest a handful of levels (Bundle → entry → resource → component → code → coding); a
 * bundle nested deeper than this is not a FHIR Bundle, and is refused before it is parsed.
 */
export const MAX_JSON_DEPTH = 64;

/** The UTF-8 length of a string, without allocating its encoding. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1000))} kB`;
}

/** The one message for a bundle over the limit, or null when it fits. */
export function bundleSizeError(bytes: number): string | null {
  if (bytes <= MAX_BUNDLE_BYTES) return null;
  const exact = (n: number) => `${n.toLocaleString('en-US')} bytes`;
  return `The bundle is ${formatBytes(bytes)} (${exact(bytes)}); the limit is 5 MB (${exact(MAX_BUNDLE_BYTES)}) per bundle. Split it into smaller bundles; nothing was imported.`;
}

/**
 * How deeply the JSON text nests objects and arrays, counted without parsing (strings and their escapes
 * skipped); stops counting once `stopAt` is passed.
 */
export function jsonNestingDepth(text: string, stopAt = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAt) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
