import { afterEach, beforeEach, describe, it, expect, vi } from 'vitest';

// readEnv() caches its first result, so each test loads a fresh copy of the module.
async function freshReadEnv() {
  vi.resetModules();
  const mod = await import('@/lib/platform/env');
  return mod.readEnv;
}

const SECRET = 's'.repeat(32);

beforeEach(() => {
  vi.stubEnv('DATABASE_URL', undefined);
  vi.stubEnv('PGLITE_DIR', undefined);
  vi.stubEnv('NEXTAUTH_SECRET', undefined);
  vi.stubEnv('NODE_ENV', 'test');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('readEnv', () => {
  it('AXIS_DB_POOL: 10 connections by default, a whole number from 1 to 100 otherwise', async () => {
    vi.stubEnv('AXIS_DB_POOL', undefined);
    expect((await freshReadEnv())().AXIS_DB_POOL).toBe(10);
    vi.stubEnv('AXIS_DB_POOL', '4');
    expect((await freshReadEnv())().AXIS_DB_POOL).toBe(4);
    for (const bad of ['0', '101', '2.5', 'many']) {
      vi.stubEnv('AXIS_DB_POOL', bad);
      const read = await freshReadEnv();
      expect(() => read(), bad).toThrow(/AXIS_DB_POOL/);
    }
  });

  it('applies defaults when optional variables are unset', async () => {
    const env = (await freshReadEnv())();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.NEXTAUTH_SECRET).toBeUndefined();
    expect(env.PGLITE_DIR).toBe('.data/pglite');
    expect(env.NODE_ENV).toBe('test');
  });

  it('accepts postgres:// and postgresql:// URLs and a long enough secret', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://axis:pw@db:5432/axis');
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    vi.stubEnv('PGLITE_DIR', '/tmp/pglite');
    expect((await freshReadEnv())()).toMatchObject({ DATABASE_URL: 'postgres://axis:pw@db:5432/axis', NEXTAUTH_SECRET: SECRET, PGLITE_DIR: '/tmp/pglite' });
    vi.stubEnv('DATABASE_URL', 'postgresql://localhost/axis');
    expect((await freshReadEnv())().DATABASE_URL).toBe('postgresql://localhost/axis');
  });

  it('an empty DATABASE_URL means "not set"', async () => {
    vi.stubEnv('DATABASE_URL', '');
    expect((await freshReadEnv())().DATABASE_URL).toBeUndefined();
  });

  it('a non-postgres DATABASE_URL stops start-up with a message naming it', async () => {
    vi.stubEnv('DATABASE_URL', 'mysql://localhost/axis');
    const readEnv = await freshReadEnv();
    expect(() => readEnv()).toThrow(/^Invalid environment: .*DATABASE_URL/);
    expect(() => readEnv()).toThrow(/must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it('a short NEXTAUTH_SECRET is named with the rule', async () => {
    vi.stubEnv('NEXTAUTH_SECRET', 's'.repeat(31));
    const readEnv = await freshReadEnv();
    expect(() => readEnv()).toThrow('NEXTAUTH_SECRET: must be at least 32 characters');
  });

  it('an unknown NODE_ENV is named', async () => {
    vi.stubEnv('NODE_ENV', 'staging');
    const readEnv = await freshReadEnv();
    expect(() => readEnv()).toThrow(/NODE_ENV: /);
  });

  it('an empty PGLITE_DIR is named', async () => {
    vi.stubEnv('PGLITE_DIR', '');
    const readEnv = await freshReadEnv();
    expect(() => readEnv()).toThrow(/PGLITE_DIR: /);
  });

  it('lists every bad variable in one message, separated by "; "', async () => {
    vi.stubEnv('DATABASE_URL', 'http://x');
    vi.stubEnv('NEXTAUTH_SECRET', 'short');
    const readEnv = await freshReadEnv();
    let message = '';
    try {
      readEnv();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL: .*; NEXTAUTH_SECRET: must be at least 32 characters/);
  });

  it('reads once and caches: later changes to process.env are not seen', async () => {
    vi.stubEnv('PGLITE_DIR', '/first');
    const readEnv = await freshReadEnv();
    expect(readEnv().PGLITE_DIR).toBe('/first');
    vi.stubEnv('PGLITE_DIR', '/second');
    expect(readEnv().PGLITE_DIR).toBe('/first');
  });
});
