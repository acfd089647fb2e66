// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files from its own package directory at run time, and
  // argon2 is a native addon: both must be required from node_modules, never bundled. PDFKit reads
  // its built-in font metrics from its own data directory at run time, so it stays external too.
  serverExternalPackages: ['@electric-sql/pglite', 'argon2', 'postgres', 'pdfkit'],
  poweredByHeader: false,
  // Builds go to a separate directory when asked (the e2e suite builds while a dev server may be running).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Baseline headers on every response. The strict nonce-based Content-Security-Policy and HSTS
  // belong with the security-hardening work (issue 6).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
