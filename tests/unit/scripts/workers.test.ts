import { describe, expect, it } from 'vitest';
import { chooseWorkers } from '../../../scripts/workers';

describe('AXIS_WORKERS', () => {
  it('is one process unless asked', () => {
    expect(chooseWorkers(undefined, true, 8)).toEqual({ ok: true, workers: 1 });
    expect(chooseWorkers('', true, 8)).toEqual({ ok: true, workers: 1 });
    expect(chooseWorkers('1', false, 8)).toEqual({ ok: true, workers: 1 });
  });

  it('takes a count or "auto" (one per core) on PostgreSQL', () => {
    expect(chooseWorkers('3', true, 8)).toEqual({ ok: true, workers: 3 });
    expect(chooseWorkers(' auto ', true, 2)).toEqual({ ok: true, workers: 2 });
  });

  it('stays at one process on PGlite and says why', () => {
    const choice = chooseWorkers('4', false, 8);
    expect(choice).toMatchObject({ ok: true, workers: 1 });
    expect(choice.ok && choice.note).toMatch(/PGlite/);
  });

  it('refuses anything else with a message naming the value', () => {
    for (const raw of ['0', '65', '-1', '2.5', 'two', '1e3', 'auto2']) {
      const choice = chooseWorkers(raw, true, 8);
      expect(choice.ok).toBe(false);
      expect(!choice.ok && choice.message).toContain(`"${raw}"`);
    }
  });
});
