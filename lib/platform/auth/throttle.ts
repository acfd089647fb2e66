import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { loginAttempts } from '@/db/schema';
import { ACCOUNT_POLICY, ADDRESS_POLICY, combineVerdicts, judgeAttempt, type FailureHistory, type ThrottleVerdict } from './throttle-policy';

export async function checkSignInThrottle(executor: Executor, email: string, address: string, now: Date): Promise<ThrottleVerdict> {
  const [account, fromAddress] = await Promise.all([
    accountHistory(executor, email, now),
    addressHistory(executor, address, now),
  ]);
  return combineVerdicts(judgeAttempt(account, ACCOUNT_POLICY, now), judgeAttempt(fromAddress, ADDRESS_POLICY, now));
}

export async function recordSignInAttempt(executor: Executor, email: string, address: string, succeeded: boolean, now: Date): Promise<void> {
  await executor.insert(loginAttempts).values({ email, requestAddress: address, succeeded, attemptedAt: now });
}

async function accountHistory(executor: Executor, email: string, now: Date): Promise<FailureHistory> {
  const since = new Date(now.getTime() - ACCOUNT_POLICY.windowSeconds * 1000);
  // Failures since the last success: signing in correctly clears the slate.
  const [row] = await executor
    .select({
      failures: sql<number>`count(*) filter (where not ${loginAttempts.succeeded} and ${loginAttempts.attemptedAt} > coalesce(
        (select max(la.attempted_at) from login_attempts la where la.email = ${email} and la.succeeded), '-infinity'))`.mapWith(Number),
      lastFailureAt: sql<string | null>`max(${loginAttempts.attemptedAt}) filter (where not ${loginAttempts.succeeded})`,
    })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), gt(loginAttempts.attemptedAt, since)));
  return toHistory(row);
}

async function addressHistory(executor: Executor, address: string, now: Date): Promise<FailureHistory> {
  const since = new Date(now.getTime() - ADDRESS_POLICY.windowSeconds * 1000);
  const [row] = await executor
    .select({
      failures: sql<number>`count(*) filter (where not ${loginAttempts.succeeded})`.mapWith(Number),
      lastFailureAt: sql<string | null>`max(${loginAttempts.attemptedAt}) filter (where not ${loginAttempts.succeeded})`,
    })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.requestAddress, address), gt(loginAttempts.attemptedAt, since)));
  return toHistory(row);
}

function toHistory(row: { failures: number; lastFailureAt: string | Date | null } | undefined): FailureHistory {
  if (!row) return { failures: 0, lastFailureAt: null };
  return { failures: row.failures, lastFailureAt: row.lastFailureAt ? new Date(row.lastFailureAt) : null };
}
