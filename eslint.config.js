// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

/**
 * Which features a feature may build on: a feature imports no other, or only those named here,
 * so that the features form layers (no feature imports one that imports it back).
 */
const FEATURE_LAYERS = {
  account: [],
  attachments: [],
  'record-photo': [],
  'record-picker': [],
  'file-actions': ['attachments'],
  'record-header': ['record-photo'],
  'record-page': ['attachments', 'file-actions', 'record-header'],
  embed: ['attachments', 'record-page'],
};

export default tseslint.config(
  { ignores: ['dist', 'data', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The browser app must not reach into the proxy or the sandbox.
    files: ['src/client/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/server/**', '**/sandbox/**', 'node:*', 'fastify'] },
      ],
    },
  },
  {
    // A query key comes from its feature's key factory (attachmentKeys, recordKeys, ...), never
    // written out by hand, so that invalidating a general key reaches every specific one.
    files: ['src/client/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['ArrayExpression', 'TSAsExpression > ArrayExpression'].map((literal) => ({
          selector: `Property[key.name='queryKey'] > ${literal}`,
          message: "Take the key from the feature's key factory (e.g. attachmentKeys.page(...)).",
        })),
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/server/**', '**/sandbox/**', '**/client/**', 'node:*'] },
      ],
    },
  },
  {
    // The house's boundaries, checked rather than remembered: shared <- client, server, sandbox;
    // the three programs do not import each other (the proxy starts the sandbox in start.ts
    // only, and its tests run against it); features build on the layers below them only; and
    // no import cycles anywhere.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/shared', from: ['./src/client', './src/server', './src/sandbox'] },
            { target: './src/client', from: ['./src/server', './src/sandbox'] },
            { target: './src/sandbox', from: ['./src/server', './src/client'] },
            { target: './src/server', from: './src/client' },
            {
              target: [
                './src/server/{auth,embed,routes,session,zoho}/!(*.test).ts',
                './src/server/!(start|*.test).ts',
              ],
              from: './src/sandbox',
              message: 'The proxy never knows whether Zoho or the sandbox answers.',
            },
            ...Object.entries(FEATURE_LAYERS).map(([feature, below]) => ({
              target: `./src/client/features/${feature}`,
              from: './src/client/features',
              except: [`./${feature}`, ...below.map((b) => `./${b}`)],
              message: `${feature} builds on ${below.join(', ') || 'no other feature'} only (eslint.config.js).`,
            })),
          ],
        },
      ],
    },
  },
);
