// The npm registry reachable from our machines serves only the Linux builds of packages that ship
// per-platform binaries (next's swc, tailwind's oxide, …), so `npm install` leaves the other
// platforms' optional entries out of package-lock.json, and `npm ci` then rejects the lock as out of
// sync. This adds the missing entries as optional: npm skips them on Linux (they 404 here, which is
// allowed for optional packages) and fetches them normally on other platforms.
// Run after adding or upgrading a dependency: `npm run lockfile:complete`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]) continue;
    packages[top] = { version, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added++;
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform entries`);
