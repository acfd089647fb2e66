// DATABASE_URL may name a Unix-socket directory the way libpq does, `?host=/var/run/postgresql`
// (postgresql://user@localhost/axis?host=/var/run/postgresql). postgres.js would send an unknown query
// parameter to the server as a setting, so it is taken off the URL and given as the socket path.
// On one machine the socket skips the TCP stack: issue 21 measured it (docs/PERFORMANCE.md).

export interface PostgresConnection {
  /** The URL without the socket parameter. */
  url: string;
  /** The socket file, when the URL names a socket directory. */
  path?: string;
}

export function postgresConnection(databaseUrl: string): PostgresConnection {
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    return { url: databaseUrl }; // postgres.js reports a malformed URL itself
  }
  const host = parsed.searchParams.get('host');
  if (!host?.startsWith('/')) return { url: databaseUrl };
  parsed.searchParams.delete('host');
  const directory = host.replace(/\/+$/, '');
  return { url: parsed.toString(), path: `${directory}/.s.PGSQL.${parsed.port || '5432'}` };
}
