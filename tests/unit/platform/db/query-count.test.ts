import { afterEach, describe, expect, it, vi } from 'vitest';
import { benchQueryLogger, QUERY_MARKER } from '../../../../db/query-count';

describe('benchQueryLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('installs nothing unless AXIS_BENCH is exactly 1', () => {
    expect(benchQueryLogger({})).toBeUndefined();
    expect(benchQueryLogger({ AXIS_BENCH: '0' })).toBeUndefined();
    expect(benchQueryLogger({ AXIS_BENCH: 'true' })).toBeUndefined();
  });

  it('writes one marker line per statement and never the SQL or its parameters', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const logger = benchQueryLogger({ AXIS_BENCH: '1' });
    logger?.logQuery('select * from patients where family_name = $1', ['Chen']);
    logger?.logQuery('select 1', []);
    expect(write.mock.calls.map((c) => c[0])).toEqual([`${QUERY_MARKER}\n`, `${QUERY_MARKER}\n`]);
  });
});
