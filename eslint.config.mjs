// ESLint (flat config): typescript-eslint's recommended rules on every TypeScript file, and the layer rules the compiler cannot say.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.cache/**', '.tsbuild/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // `[\[\]]` reads better than `[[\]]` in the many wikilink patterns; control characters are matched on purpose (input sanitising).
      'no-useless-escape': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    // The webview is a trust boundary and a browser bundle: it talks to the host only through the protocol.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/host/**', '**/node/**', '**/cli/**', 'vscode', 'node:*'], message: 'The webview imports only the protocol and core types.' }] }],
    },
  },
  {
    files: ['extension/core/**/*.ts', 'extension/protocol.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/host/**', '**/node/**', '**/cli/**', '**/webview/**', 'vscode', 'node:*'], message: 'The core is pure: it imports nothing outside extension/core.' }] }],
    },
  },
  {
    // Tests and benchmarks reach into pages (window.cruxmapDebug) where `any` is the honest type.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
