import type { LaunchOptions } from '@playwright/test';

/**
 * How the end-to-end tests and the benchmark start Debian's Chromium: headless in a container, with
 * nothing running beside the page that could skew a test or a measurement.
 */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
} satisfies LaunchOptions;
