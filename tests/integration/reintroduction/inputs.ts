import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '../../../db/client';
import { eliminationProtocols } from '../../../db/schema';
import { addDays } from '../../../lib/clinical/dates';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { clinicToday } from '../../../lib/platform/clinic-time';
import { startProtocol, stopProtocol } from '../../../lib/reintroduction/protocols';

// Protocols as the plan page's form sends them, and a helper that starts a fresh one (stopping whatever
// runs: one protocol per patient). Not a test file: vitest collects only *.test.ts.

/** Wheat then egg, after `weeks` of elimination from `startDate`. Clinical suspicion, so no result is needed. */
export function protocolInput(supervisorId: string, overrides: Record<string, unknown> = {}) {
  return {
    foods: ['Wheat / gluten', 'Egg'],
    reasonKind: 'clinical_suspicion',
    reasonText: 'Flares after bread and eggs',
    startDate: clinicToday(),
    eliminationWeeks: 4,
    supervisorId,
    challenges: [
      { food: 'Wheat / gluten', portions: ['1 slice', '2 slices', '3 slices'], washoutDays: 3 },
      { food: 'Egg', portions: ['¼ egg', '½ egg', '1 egg'], washoutDays: 3 },
    ],
    ...overrides,
  };
}

/**
 * Stops the patient's running protocol (as `stopper`) and starts a new one as `starter`, supervised by
 * `supervisorId`. `readyForVerdict`: started 28 days ago with 1 week of elimination, so the wheat
 * challenge's diary window is over.
 */
export async function freshProtocol(starter: Actor, stopper: Actor, patientId: string, supervisorId: string, options: { readyForVerdict?: boolean } = {}) {
  await stopRunningProtocols(stopper, patientId);
  const input = options.readyForVerdict ? protocolInput(supervisorId, { startDate: addDays(clinicToday(), -28), eliminationWeeks: 1 }) : protocolInput(supervisorId);
  const out = await startProtocol(starter, patientId, input);
  if (!out.ok) throw new Error(`protocol not started: ${JSON.stringify(out)}`);
  return out.data;
}

/** Stops whatever protocol the patient has running (one per patient), as `stopper`. */
export async function stopRunningProtocols(stopper: Actor, patientId: string) {
  const running = await getDb()
    .select({ id: eliminationProtocols.id, version: eliminationProtocols.version })
    .from(eliminationProtocols)
    .where(and(eq(eliminationProtocols.patientId, patientId), inArray(eliminationProtocols.status, ['proposed', 'active'])));
  for (const r of running) {
    const stopped = await stopProtocol(stopper, { protocolId: r.id, expectedVersion: r.version, reason: 'Making room for the next test' });
    if (!stopped.ok) throw new Error(`not stopped: ${JSON.stringify(stopped)}`);
  }
}
