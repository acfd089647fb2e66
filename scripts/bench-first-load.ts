// First-load JavaScript per App Router page, gzipped, computed from a finished build (scripts/bench.ts).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface RouteJs {
  route: string;
  files: number;
  gzipBytes: number;
}

/**
 * Next 16 no longer prints "First Load JS". A route's first load is the framework's root main files
 * plus every chunk its client reference manifest lists for the route's layouts, page and boundaries.
 */
export function firstLoadJs(distDir: string): RouteJs[] {
  const buildManifest = JSON.parse(readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const appPaths = JSON.parse(readFileSync(path.join(distDir, 'server', 'app-paths-manifest.json'), 'utf8')) as Record<string, string>;
  const gzipCache = new Map<string, number>();
  const gzipSize = (file: string) => {
    let size = gzipCache.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length;
      gzipCache.set(file, size);
    }
    return size;
  };
  const out: RouteJs[] = [];
  for (const [entry, serverFile] of Object.entries(appPaths)) {
    if (!entry.endsWith('/page')) continue;
    const manifestFile = path.join(distDir, 'server', serverFile.replace(/\.js$/, '_client-reference-manifest.js'));
    if (!existsSync(manifestFile)) continue;
    const holder = { __RSC_MANIFEST: {} as Record<string, { entryJSFiles: Record<string, string[]> }> };
    // The manifest is a script that assigns onto globalThis.__RSC_MANIFEST.
    new Function('globalThis', readFileSync(manifestFile, 'utf8'))(holder);
    const manifest = holder.__RSC_MANIFEST[entry];
    if (!manifest) continue;
    const files = new Set(buildManifest.rootMainFiles);
    for (const list of Object.values(manifest.entryJSFiles)) for (const f of list) files.add(f.replace(/^\/?_next\//, ''));
    const route = entry.replace(/\/page$/, '').replace(/\/\([^)]+\)/g, '') || '/';
    out.push({ route, files: files.size, gzipBytes: [...files].reduce((sum, f) => sum + gzipSize(f), 0) });
  }
  return out.sort((a, b) => a.route.localeCompare(b.route));
}
