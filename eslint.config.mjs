// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // CommonJS Jest config and transformer files stay plain JavaScript; everything else (src, test, client, bench) is
    // TypeScript or an ES module and is linted.
    ignores: [
      'dist/',
      'dist-bench/',
      'client/dist/',
      'node_modules/',
      'coverage/',
      'data/',
      'bench/.run/',
      'bench/results/',
      '**/*.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Build scripts run on Node: its globals, which TypeScript files get from @types/node instead.
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
);
