// Small, well-known statistics for the clinic outcomes page. Pure.

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion (Wilson 1927): behaves at 0% and 100% and for small n, where the
 * normal ("Wald") interval gives impossible bounds. Returns proportions in [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z = Z95): { low: number; high: number } {
  if (!Number.isInteger(n) || n <= 0 || successes < 0 || successes > n) throw new RangeError(`wilsonInterval: need 0 ≤ successes ≤ n, n > 0 (got ${successes}/${n})`);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Exact at the ends: all or none observed puts that bound at 0 or 1 (floating point lands a hair inside).
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}
