import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Pages, layouts, route handlers and components must go through lib/, which checks access.
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/db', '@/db/*', '**/db/client', '**/db/schema*', 'drizzle-orm', 'drizzle-orm/*'], message: 'app/ must not query tables: call a lib/ function that checks access.' },
          ],
        },
      ],
    },
  },
  {
    // Pure clinical rules: no database, no server-only, no Node I/O, nothing from the rest of lib/.
    // tests/unit/architecture.test.ts checks the same, relative imports included.
    files: ['lib/clinical/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/*', '!@/lib/clinical', '!@/lib/clinical/**'], message: 'lib/clinical holds pure rules: import nothing from the rest of lib/.' },
            { group: ['@/db', '@/db/*', '**/db/*', 'drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*', 'server-only', 'node:*', 'fs', 'path'], message: 'lib/clinical holds pure rules: no I/O, no database, no server-only.' },
          ],
        },
      ],
    },
  },
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'db/migrations/**'] },
];

export default config;
