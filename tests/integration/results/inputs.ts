import { and, count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, resultReviews, results } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import type { ResultKind } from '../../../db/schema/enum-values';
import { recordResult, type RecordResultOutcome } from '../../../lib/results/mutations';

// Realistic, valid inputs for each result kind, as the entry forms submit them, and small database
// helpers the results tests share. Not a test file: vitest collects only *.test.ts.

/** NAC Table 1 followed in full: no preparation caveat, so the gases alone decide the flag. */
export const GOOD_PREPARATION = {
  antibioticsWithin4Weeks: false,
  promotilityOrLaxativesWithin1Week: false,
  fermentableFoodsDayBefore: false,
  fasted8to12h: true,
  smokedOnTestDay: false,
  physicalActivityDuringTest: false,
  ppiUse: false,
};

/** Classic hydrogen-positive SIBO on lactulose: +25 ppm over baseline by 60 min, methane flat. */
export function siboBreathTest(effectiveDate = '2025-03-10') {
  return {
    effectiveDate,
    substrate: { kind: 'lactulose', doseGrams: 10 },
    preparation: GOOD_PREPARATION,
    readings: [
      { minute: 0, h2: 6, ch4: 2 },
      { minute: 15, h2: 8, ch4: 2 },
      { minute: 30, h2: 14, ch4: 3 },
      { minute: 45, h2: 22, ch4: 3 },
      { minute: 60, h2: 31, ch4: 3 },
      { minute: 90, h2: 48, ch4: 4 },
      { minute: 120, h2: 60, ch4: 4 },
    ],
    device: 'QuinTron BreathTracker SC',
  };
}

/** Methane-positive IMO: CH4 reaches 10 ppm at 30 min and peaks at 18 ppm; hydrogen stays low. */
export function imoBreathTest(effectiveDate = '2025-03-11') {
  return {
    effectiveDate,
    substrate: { kind: 'lactulose', doseGrams: 10 },
    preparation: GOOD_PREPARATION,
    readings: [
      { minute: 0, h2: 4, ch4: 6 },
      { minute: 30, h2: 6, ch4: 11 },
      { minute: 60, h2: 8, ch4: 14 },
      { minute: 90, h2: 10, ch4: 18 },
      { minute: 120, h2: 12, ch4: 16 },
    ],
  };
}

/** BreathID Hp UBT with DOB 12.4‰ and no result typed: the rules derive "positive" from the kit cut-off. */
export function ubtPositive(effectiveDate = '2025-02-01') {
  return { effectiveDate, method: 'urea_breath_test', ubtKit: 'breathid_hp', deltaOverBaseline: 12.4, ppiLastTakenDaysAgo: 30 };
}

/** A commercial food IgG panel without a lab cut-off: informational only, with the "not validated" caveat. */
export function iggPanel(effectiveDate = '2025-01-20') {
  return {
    effectiveDate,
    method: 'igg',
    laboratory: 'Example Diagnostics',
    items: [
      { food: 'Cow milk', value: 24 },
      { food: 'Egg white', value: 6 },
      { food: 'Wheat', value: 12 },
    ],
  };
}

export function scoreInput(instrument: string, value: number, effectiveDate: string, extra: Record<string, unknown> = {}) {
  return { effectiveDate, instrument, value, ...extra };
}

/** An ISO date `days` from today (UTC). */
export function isoDaysFromToday(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Records a result that must be accepted and returns its id. */
export async function recordOk(actor: Actor, patientId: string, kind: ResultKind, input: unknown): Promise<string> {
  const outcome: RecordResultOutcome = await recordResult(actor, patientId, kind, input);
  if (!outcome.ok) throw new Error(`expected ${kind} to be recorded, got ${JSON.stringify(outcome)}`);
  return outcome.data.resultId;
}

export async function resultRow(id: string) {
  const [row] = await getDb().select().from(results).where(eq(results.id, id));
  if (!row) throw new Error(`no result ${id}`);
  return row;
}

export async function resultCount(patientId: string): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(results).where(eq(results.patientId, patientId));
  return row?.n ?? 0;
}

export async function reviewCount(resultId: string): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(resultReviews).where(eq(resultReviews.resultId, resultId));
  return row?.n ?? 0;
}

export async function auditFor(actor: Actor, action: string, outcome?: 'allowed' | 'denied') {
  const where = outcome
    ? and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, action), eq(auditEvents.outcome, outcome))
    : and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, action));
  return getDb().select().from(auditEvents).where(where).orderBy(auditEvents.id);
}

/** Lets the wall clock move on, so "entered after you last looked" is unambiguous at millisecond resolution. */
export const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** The messages of an error and its causes (drizzle wraps the driver's error in `cause`). */
export function messagesOf(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let i = 0; e && i < 5; i++) {
    if (e instanceof Error) {
      parts.push(e.message);
      e = e.cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(' <- ');
}

/** Awaits a promise that must reject and returns the combined message of the rejection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return messagesOf(error);
  }
  expect.fail('expected the statement to be refused, but it succeeded');
}
