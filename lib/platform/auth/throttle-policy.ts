// Pure sign-in throttling rules, so every edge is unit-tested without a database.

export interface ThrottlePolicy {
  windowSeconds: number;
  /** Failures allowed freely before delays start. */
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

// Per account: a person mistyping a few times is never slowed; a guesser soon waits minutes.
export const ACCOUNT_POLICY: ThrottlePolicy = { windowSeconds: 15 * 60, freeFailures: 5, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60 };
// Per address: looser, because a clinic's staff may share one outbound address.
export const ADDRESS_POLICY: ThrottlePolicy = { windowSeconds: 15 * 60, freeFailures: 20, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60 };

export interface FailureHistory {
  /** Failures inside the window (for an account: since its last success). */
  failures: number;
  lastFailureAt: Date | null;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Delay doubles with each failure past the free ones, capped. */
export function requiredDelaySeconds(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const exponent = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.baseDelaySeconds * 2 ** exponent, policy.maxDelaySeconds);
}

export function judgeAttempt(history: FailureHistory, policy: ThrottlePolicy, now: Date): ThrottleVerdict {
  const delay = requiredDelaySeconds(history.failures, policy);
  if (delay === 0 || !history.lastFailureAt) return { allowed: true };
  const waitMs = history.lastFailureAt.getTime() + delay * 1000 - now.getTime();
  return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { allowed: true };
}

export function combineVerdicts(a: ThrottleVerdict, b: ThrottleVerdict): ThrottleVerdict {
  if (a.allowed) return b;
  if (b.allowed) return a;
  return { allowed: false, retryAfterSeconds: Math.max(a.retryAfterSeconds, b.retryAfterSeconds) };
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
