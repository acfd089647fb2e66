import 'server-only';
import { getServerSession } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import type { UserRole } from '@/db/schema/enums';
import type { Actor } from './actor-types';
import { hasUnusableCallbackCookie } from './callback-url';
import { authOptions } from './options';
import { clientAddressFrom } from './request-context';
import { sessionIdFromCookies } from './session-token';
import { inspectSession, type SessionInspection } from './sessions';

/** Where a person who must first set up two-step sign-in is sent, and all they can reach. */
export const MFA_ENROLMENT_PATH = '/account/security';

/** The session id in this request's cookie, or null. */
async function currentSessionId(): Promise<string | null> {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  const cookieName = authOptions.cookies?.sessionToken?.name;
  // Without a configured secret (next dev), next-auth derives its own, which only it knows.
  if (secret && cookieName) return sessionIdFromCookies(await cookies(), { secret, cookieName, secure: Boolean(authOptions.useSecureCookies) });
  // A callback-URL cookie next-auth refuses makes it throw; that visitor is simply not signed in.
  const session = await getServerSession(authOptions).catch(async (error: unknown) => {
    if (await hasUnusableCallbackCookie()) return null;
    throw error;
  });
  return session?.sid ?? null;
}

/** The session behind this request's cookie, checked against the database once per request. */
const inspectCurrentSession = cache(async (): Promise<SessionInspection> => {
  const sid = await currentSessionId();
  if (!sid) return { status: 'signed-out', reason: null };
  const address = clientAddressFrom(await headers());
  return inspectSession(getDb(), sid, address, new Date());
});

/**
 * The signed-in actor for this request, or null. A session that still has to set up required
 * two-step sign-in is null here, so no page, action or route handler can act with it.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const inspection = await inspectCurrentSession();
  return inspection.status === 'active' ? inspection.actor : null;
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

function signInPathFor(inspection: SessionInspection): string {
  return inspection.status === 'signed-out' && inspection.reason ? `/sign-in?reason=${inspection.reason}` : '/sign-in';
}

/** For pages: the actor, or a redirect to sign-in (or to the actor's own home for another role's page). */
export async function requireActor(roles?: readonly UserRole[]): Promise<Actor> {
  const inspection = await inspectCurrentSession();
  if (inspection.status === 'mfa-enrolment-required') redirect(MFA_ENROLMENT_PATH);
  if (inspection.status !== 'active') redirect(signInPathFor(inspection));
  const actor = inspection.actor;
  if (roles && !roles.includes(actor.role)) redirect(homePathFor(actor.role));
  return actor;
}

/**
 * For the two-step sign-in page and its actions only: the actor even when their session is held
 * back until enrolment, with whether it is.
 */
export async function requireEnrolmentActor(): Promise<{ actor: Actor; enrolmentRequired: boolean }> {
  const inspection = await inspectCurrentSession();
  if (inspection.status === 'signed-out') redirect(signInPathFor(inspection));
  return { actor: inspection.actor, enrolmentRequired: inspection.status === 'mfa-enrolment-required' };
}

/** For the sign-in page: where an already signed-in visitor belongs, or null to show the form. */
export async function signedInDestination(): Promise<string | null> {
  const inspection = await inspectCurrentSession();
  if (inspection.status === 'active') return homePathFor(inspection.actor.role);
  if (inspection.status === 'mfa-enrolment-required') return MFA_ENROLMENT_PATH;
  return null;
}
