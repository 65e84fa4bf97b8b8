import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  // Layering (README, Architecture): import cycles and imports against the direction fail the lint.
  {
    files: ['app/**', 'components/**', 'db/**', 'lib/**', 'scripts/**'],
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // import/no-cycle reads every file an import leads to. Left alone it also parsed the type
    // declarations of every package reached (next, react, drizzle-orm …): three quarters of the
    // lint's time, for nothing, since a cycle through our files cannot pass through node_modules.
    settings: { 'import/ignore': ['node_modules'] },
  },
  {
    // The shared types are the leaf every layer, the browser included, builds on.
    files: ['lib/shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'lib/shared is the leaf module: import only its own files.' }] },
      ],
    },
  },
  {
    files: ['db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // The settings (lib/env) too: a query reads the setting it obeys (e.g. LIST_REVISIONS_KEPT).
              group: ['@/lib/*', '!@/lib/shared', '!@/lib/env', '@/app/*', '@/components/*'],
              message:
                'db/ builds on lib/shared and lib/env only; code that uses the database lives in lib/ and calls db/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Parsing, validation and the import session run in the browser's worker too: no I/O.
    files: ['lib/csv/**', 'lib/lists/**', 'lib/formats/**', 'lib/import-session/**'],
    ignores: ['lib/lists/server/**', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/db/*', 'postgres', 'drizzle-orm', 'drizzle-orm/*', 'node:fs', 'node:fs/*', 'fs', 'next/*'],
              message:
                'This module also runs in the browser: no database, files or server APIs here (see lib/lists/server).',
            },
            {
              group: ['@/lib/lists/server/*', '@/lib/jobs/*', '@/lib/http/*', '@/lib/runtime/*', '@/lib/env'],
              message: 'This module also runs in the browser: it cannot build on server modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // Client components and lib/api's fetchers run in the browser: they reach the server through the
    // fetchers, and take the API's shapes (lib/api-contract) and server modules' types as types only.
    files: ['components/**', 'lib/api/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@/db/*',
                'postgres',
                'drizzle-orm',
                '@/lib/api-contract/*',
                '@/lib/lists/server/*',
                '@/lib/jobs/*',
                '@/lib/http/*',
                '@/lib/runtime/*',
                '@/lib/env',
              ],
              allowTypeImports: true,
              message:
                'This runs in the browser: call the API through lib/api, import server modules and the contract for types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON response bodies whose shape each assertion states.
    files: ['test/**', 'e2e/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'bench/results/**',
      'node_modules/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'db/migrations/**',
      'next-env.d.ts',
    ],
  },
];

export default config;
