// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
);
