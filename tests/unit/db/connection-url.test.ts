import { describe, expect, it } from 'vitest';
import { postgresConnection } from '../../../db/connection-url';

describe('postgresConnection (DATABASE_URL with a Unix-socket directory)', () => {
  it('leaves a TCP URL exactly as given', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/axis?sslmode=disable';
    expect(postgresConnection(url)).toEqual({ url });
  });

  it('takes ?host=/dir off the URL and gives the socket file for the port', () => {
    expect(postgresConnection('postgres://postgres@localhost/axis_scale?host=/var/run/postgresql')).toEqual({
      url: 'postgres://postgres@localhost/axis_scale',
      path: '/var/run/postgresql/.s.PGSQL.5432',
    });
    expect(postgresConnection('postgresql://app:secret@localhost:5433/axis?host=/tmp/&application_name=axis')).toEqual({
      url: 'postgresql://app:secret@localhost:5433/axis?application_name=axis',
      path: '/tmp/.s.PGSQL.5433',
    });
  });

  it('leaves a host parameter that is not a directory to postgres.js, as before', () => {
    const url = 'postgres://postgres@localhost/axis?host=db.internal';
    expect(postgresConnection(url)).toEqual({ url });
  });

  it('passes a malformed URL through for postgres.js to report', () => {
    expect(postgresConnection('not a url')).toEqual({ url: 'not a url' });
  });
});
