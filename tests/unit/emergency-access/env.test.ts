import { afterEach, describe, expect, it, vi } from 'vitest';

// readEnv() caches its first result, so each test loads a fresh copy of the module.
async function readFreshEnv() {
  vi.resetModules();
  return (await import('@/lib/platform/env')).readEnv();
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('AXIS_EMERGENCY_ACCESS_MINUTES', () => {
  it('defaults to 60 minutes', async () => {
    vi.stubEnv('AXIS_EMERGENCY_ACCESS_MINUTES', undefined);
    expect((await readFreshEnv()).AXIS_EMERGENCY_ACCESS_MINUTES).toBe(60);
  });

  it('accepts whole minutes from 5 to 1440', async () => {
    vi.stubEnv('AXIS_EMERGENCY_ACCESS_MINUTES', '5');
    expect((await readFreshEnv()).AXIS_EMERGENCY_ACCESS_MINUTES).toBe(5);
    vi.stubEnv('AXIS_EMERGENCY_ACCESS_MINUTES', '1440');
    expect((await readFreshEnv()).AXIS_EMERGENCY_ACCESS_MINUTES).toBe(1440);
  });

  it.each(['4', '1441', '30.5', 'an hour'])('refuses %j at start, naming the variable', async (value) => {
    vi.stubEnv('AXIS_EMERGENCY_ACCESS_MINUTES', value);
    await expect(readFreshEnv()).rejects.toThrow(/AXIS_EMERGENCY_ACCESS_MINUTES/);
  });
});
