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
 * Counts how deeply JSON text nests objects and arrays, without parsing (strings and their escapes skipped), fed
 * one chunk at a time: a bundle read as a stream is checked as it arrives, and the state carries across chunks.
 */
export class NestingCounter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  deepest = 0;

  /** Feeds the next chunk of text; returns the deepest nesting seen so far. */
  feed(text: string): number {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true; // backslash: the next character is escaped
        else if (c === 0x22) this.inString = false;
        continue;
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) {
        this.depth++;
        if (this.depth > this.deepest) this.deepest = this.depth;
      } else if (c === 0x7d || c === 0x5d) this.depth--;
    }
    return this.deepest;
  }
}

/** How deeply the JSON text nests objects and arrays, counted without parsing. */
export function jsonNestingDepth(text: string): number {
  return new NestingCounter().feed(text);
}

export const TOO_DEEP = `The file nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep, which no FHIR Bundle needs. Nothing was imported.`;

/**
 * Reads an uploaded bundle file as a stream, so a file that breaks a limit is refused as soon as it does, never
 * read whole: its bytes are counted as they arrive (the size the browser reports is not trusted), the text is
 * decoded as strict UTF-8 (FHIR JSON is UTF-8; a file in another encoding would otherwise be silently garbled),
 * and its nesting is counted chunk by chunk. A UTF-8 byte-order mark is dropped.
 */
export async function readBundleStream(stream: ReadableStream<Uint8Array>): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const nesting = new NestingCounter();
  const parts: string[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      // Stopped here, so the whole size is unknown: say it is over, and the limit.
      if (bytes > MAX_BUNDLE_BYTES) return { ok: false, error: `The bundle is over the limit of 5 MB (${MAX_BUNDLE_BYTES.toLocaleString('en-US')} bytes) per bundle. Split it into smaller bundles; nothing was imported.` };
      let chunk: string;
      try {
        chunk = decoder.decode(value, { stream: true });
      } catch {
        return { ok: false, error: `The file is not UTF-8 text (an invalid byte within its first ${formatBytes(bytes)}). FHIR JSON is UTF-8: save the bundle as UTF-8 and try again. Nothing was imported.` };
      }
      if (nesting.feed(chunk) > MAX_JSON_DEPTH) return { ok: false, error: TOO_DEEP };
      parts.push(chunk);
    }
    try {
      parts.push(decoder.decode());
    } catch {
      return { ok: false, error: 'The file is not UTF-8 text (it ends in the middle of a character). FHIR JSON is UTF-8: save the bundle as UTF-8 and try again. Nothing was imported.' };
    }
    return { ok: true, text: parts.join('') };
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}
