// Lint: a few rules, each for a mistake that type-checking does not catch. What may import what is
// dependency-cruiser's job (.dependency-cruiser.cjs), not this file's.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['node_modules/', '.tmp/', 'data/', 'screenshots/', 'test/fixtures/'] },
  {
    linterOptions: {
      // A disable comment that no longer disables anything is a stale excuse: it must go.
      reportUnusedDisableDirectives: 'error',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      // Type-aware rules (no-floating-promises) read the types through the project's tsconfig.json.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `any` switches type-checking off for everything it touches. Where it is truly needed, write
      // `// eslint-disable-next-line @typescript-eslint/no-explicit-any -- why` on the line above.
      '@typescript-eslint/no-explicit-any': 'error',
      // An unused variable or import is dead code or a bug (a value computed, then forgotten). A
      // leading underscore marks one unused on purpose (a parameter a callback's signature demands);
      // `const { id, ...rest } = row` is the idiom for leaving fields out, so `id` is not reported.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // A promise nobody awaits loses its error (an unhandled rejection ends the process) and its
      // order (a reply sent before the write it reports). `void` marks one left running on purpose.
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
      // `==` converts types (`0 == ''` is true); `== null` (null or undefined) is the one use allowed.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The few plain JavaScript files (the CLI shim, the browser script, these configs) are outside
    // the TypeScript project: the core recommended rules only, with the globals of where they run.
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
    rules: { eqeqeq: ['error', 'always', { null: 'ignore' }] },
  },
  {
    files: ['src/web/static/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['window', 'document', 'navigator', 'location', 'setTimeout', 'clearTimeout', 'setInterval', 'URL', 'URLSearchParams', 'FormData', 'fetch', 'sessionStorage', 'performance', 'Intl', 'customElements', 'addEventListener', 'requestAnimationFrame', 'IntersectionObserver', 'Element', 'Event', 'HTMLFormElement', 'HTMLInputElement', 'HTMLTextAreaElement'].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', process: 'readonly' },
    },
  },
);
