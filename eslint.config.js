import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './lint/boundaries.js';

// Modules that do I/O. The engine must not import them: it talks to the world only through the
// ports it declares (src/engine/ports.ts), so the whole loop runs against fakes in milliseconds and
// the same engine serves the Action and the CLI.
const ioModules = [
  '@actions/*',
  '@octokit/*',
  'openai',
  'openai/*',
  'execa',
  'yaml',
  'fs',
  'fs/*',
  'node:*',
  'child_process',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        Response: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Import boundaries between the domain, the engine and the adapters, by where the imported
    // file is (lint/boundaries.js says which zone may import which, and why). Tests are exempt.
    files: ['src/**/*.ts'],
    plugins: { zones: boundaries },
    rules: { 'zones/boundaries': 'error' },
  },
  {
    // The domain, the engine and the verify modules the engine imports are pure: no I/O modules.
    files: [
      'src/domain/**/*.ts',
      'src/engine/**/*.ts',
      'src/verify/judge.ts',
      'src/verify/tamper*.ts',
      'src/verify/verifier-scripts.ts',
      'src/verify/glob.ts',
      'src/verify/test-output.ts',
      'src/verify/metric.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ioModules,
              message:
                'This module is pure (src/domain, src/engine and the verify modules the engine uses): declare a port in src/engine/ports.ts and implement it in an adapter.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch', 'require'],
    },
  },
);
