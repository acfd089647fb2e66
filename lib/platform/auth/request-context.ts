// Where a request came from, for throttling and the audit trail.

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client's address. `next start` sets x-forwarded-for from the socket when no proxy did; behind
 * a load balancer the first entry is the client as the balancer saw it.
 */
export function clientAddressFrom(headers: HeaderSource): string | null {
  const forwarded = read(headers, 'x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  if (first) return first.slice(0, 64);
  const real = read(headers, 'x-real-ip')?.trim();
  return real ? real.slice(0, 64) : null;
}

export function userAgentFrom(headers: HeaderSource): string | null {
  return read(headers, 'user-agent') ?? null;
}
