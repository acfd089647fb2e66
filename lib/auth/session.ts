import 'server-only';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import type { UserRole } from '@/db/schema/enums';
import type { Actor } from './actor-types';
import { authOptions } from './options';
import { clientAddressFrom } from './request-context';
import { resolveSession } from './sessions';

/** The signed-in actor for this request, or null. Deduplicated per request by React's cache. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.sid) return null;
  const address = clientAddressFrom(await headers());
  return resolveSession(getDb(), session.sid, address, new Date());
});

export function homePathFor(role: UserRole): string {
  switch (role) {
    case 'clinician':
      return '/patients';
    case 'patient':
      return '/portal';
    case 'admin':
      return '/admin';
  }
}

/** For pages: the actor, or a redirect to sign-in (or to the actor's own home for another role's page). */
export async function requireActor(roles?: readonly UserRole[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (roles && !roles.includes(actor.role)) redirect(homePathFor(actor.role));
  return actor;
}
