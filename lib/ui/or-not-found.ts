import 'server-only';
import { notFound } from 'next/navigation';
import { ForbiddenError } from '@/lib/platform/errors';

/**
 * For pages: a data-layer read, or the not-found page when the read was refused. A refusal (already
 * audited by lib/platform/access) and a missing record look the same from outside, so neither reveals the other.
 * Any other error still reaches the error boundary.
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ForbiddenError) notFound();
    throw error;
  }
}

/** For layouts around a page that decides not-found itself: a refused read is null, any other error rethrown. */
export async function orNullWhenRefused<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ForbiddenError) return null;
    throw error;
  }
}
