import { defineConfig, devices } from '@playwright/test';

import { CHROMIUM_LAUNCH_OPTIONS } from './e2e/support/chromium';
import { nextStartArgs } from './test/support/next-start';

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_BASE_URL = `http://127.0.0.1:${PORT}`;

/**
 * End-to-end tests drive Debian's Chromium against the production build running on the embedded
 * default database (a fresh data directory each run), exactly as a newcomer starts the app.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: E2E_BASE_URL,
    // A failed test's trace keeps each step's page (DOM snapshots), not a video of it: recording
    // frames cost about a tenth of the e2e run's time.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  projects: [
    // The demo admin's forced password change at first sign-in: once, before every other spec.
    {
      name: 'first-sign-in',
      testMatch: /\.setup\.ts$/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 860 } },
    },
    {
      name: 'chromium',
      dependencies: ['first-sign-in'],
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 860 } },
    },
  ],
  webServer: {
    command: `rm -rf .data/e2e && next ${nextStartArgs(PORT).join(' ')}`,
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATA_DIR: '.data/e2e',
      DATABASE_URL: '',
      NEXTAUTH_URL: E2E_BASE_URL,
      MAX_UPLOAD_BYTES: String(50 * 1024 * 1024),
      // e2e/webhooks.spec.ts runs its receiver on 127.0.0.1 and wants a failing endpoint switched off soon.
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_POLL_MS: '200',
      WEBHOOK_RETRY_BASE_SECONDS: '1',
      WEBHOOK_DISABLE_AFTER_FAILURES: '3',
    },
  },
});
