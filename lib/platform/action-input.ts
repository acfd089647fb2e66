import 'server-only';
import { z } from 'zod';

// A server action's arguments come from the browser through React's reply decoder and can be any value
// it can decode (objects, arrays, Dates, BigInts, Maps, FormData, null …) whatever the TypeScript
// signature says. These parse the arguments the actions themselves use, before lib/ validates the rest.

/** The longest id worth looking up; uuids are 36 characters. */
const ID_ARGUMENT_MAX = 100;

const idArgumentSchema = z.string().max(ID_ARGUMENT_MAX).catch('');

/**
 * An id argument as a string. Anything else becomes '', which lib/ refuses (and audits) exactly like an
 * id that does not exist, so a forged argument learns nothing and cannot crash the lookup.
 */
export function idArgument(value: unknown): string {
  return idArgumentSchema.parse(value);
}

const objectArgumentSchema = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)).catch({});

/** An object argument (a form's values). Anything else becomes {}, so lib/'s schema reports each missing field. */
export function objectArgument(value: unknown): Record<string, unknown> {
  return objectArgumentSchema.parse(value);
}

export const FORM_UNREADABLE = 'This form could not be read, so nothing was saved. Reload the page and try again.';

/** Forms post FormData; a forged call may send anything else, which is refused before it is read. */
export function isFormData(value: unknown): value is FormData {
  return typeof FormData !== 'undefined' && value instanceof FormData;
}

/** One text field of a posted form; anything else (a file, a missing field, a forged non-form) reads as ''. */
export function formText(form: unknown, name: string): string {
  const value = isFormData(form) ? form.get(name) : null;
  return typeof value === 'string' ? value : '';
}

export const UNSTORABLE_TEXT = 'The text contains a NUL character (\\0), which cannot be stored. Remove it and try again; nothing was saved.';

function containsNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  if (isFormData(value)) return [...value.entries()].some(([key, v]) => key.includes('\u0000') || containsNul(v, depth + 1));
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  if (value instanceof Map) return [...value.entries()].some(([k, v]) => containsNul(k, depth + 1) || containsNul(v, depth + 1));
  return Object.entries(value).some(([key, v]) => key.includes('\u0000') || containsNul(v, depth + 1));
}

/**
 * PostgreSQL text cannot hold NUL (a browser form never sends one, a forged request can): refused with
 * a message instead of failing in the database.
 */
export function unstorableTextError(...values: unknown[]): { ok: false; error: string } | null {
  return values.some((v) => containsNul(v, 0)) ? { ok: false, error: UNSTORABLE_TEXT } : null;
}

/**
 * The file of an upload form, read after the same checks every upload action makes: the argument is a posted
 * form, no text field holds a NUL (the file's bytes are not text), and a non-empty file is there. A refusal is
 * the action's answer as it is, with `missing` as the message for an absent or empty file.
 */
export async function uploadedFile(form: unknown, missing: string): Promise<{ ok: true; bytes: Uint8Array; form: FormData } | { ok: false; error: string; fieldErrors?: Record<string, string[]> }> {
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0) return { ok: false, error: missing, fieldErrors: { file: [missing] } };
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()), form };
}
