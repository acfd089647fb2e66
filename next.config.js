// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files from its own package directory at run time, and
  // argon2 is a native addon: both must be required from node_modules, never bundled. PDFKit reads
  // its built-in font metrics from its own data directory at run time, so it stays external too.
  serverExternalPackages: ['@electric-sql/pglite', 'argon2', 'postgres', 'pdfkit'],
  poweredByHeader: false,
  // A FHIR bundle of up to 5 MB (lib/fhir/bundle-limits.ts) travels to its server action as JSON text,
  // where escaping can at most double it, and a photo of up to 15 MB (lib/photos/process.ts) travels to its
  // upload action as a file. Next's 1 MB default made bundles between ~0.5 and 1 MB crash the import page;
  // the browser checks each limit first, and the server checks it again.
  // proxy.ts runs before every request, and Next buffers a request body for it up to this size (10 MB by
  // default), silently truncating the rest: a 15 MB photo upload (lib/photos) or a 5 MB bundle escaped to ~10 MB
  // would arrive cut short. Each route still checks its own limit first and answers with a clear message.
  experimental: { serverActions: { bodySizeLimit: '20mb' }, proxyClientMaxBodySize: '20mb' },
  // Builds go to a separate directory when asked (the e2e suite builds while a dev server may be running).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm run bench:load` builds its own copy to measure it; type errors are `npm test`'s job (tsc
  // --noEmit), so the bench may skip the build's own type check rather than fail on unrelated work.
  typescript: { ignoreBuildErrors: process.env.AXIS_BUILD_SKIP_TYPECHECK === '1' },
  // The per-request headers (the nonce Content-Security-Policy, HSTS) come from proxy.ts, which also
  // sets these. They are repeated here for every path as a safety net should the proxy ever be skipped;
  // tests/unit/platform/security/headers.test.ts keeps them equal to STATIC_SECURITY_HEADERS in lib/platform/security.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
          { key: 'X-DNS-Prefetch-Control', value: 'off' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
