// ESLint: typescript-eslint's type-checked rules over every TypeScript file; Prettier owns the formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'web-ext-artifacts/', '.tmp/', 'node_modules/', 'test/apps/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test() and describe() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after'] },
          ],
        },
      ],
    },
  },
  {
    // The page hook saves natives unbound on purpose and calls them only through Reflect.apply with their receiver.
    files: ['src/page/**/*.ts'],
    // It wraps natives of every signature, functions and constructors alike, as they are.
    rules: { '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
  {
    // Adapters of untyped JavaScript peers (the official parsers, socket.io 1.x/2.x servers and clients, DevTools'
    // own modules): their values are `any` by nature, and each adapter types what it hands to the tests.
    files: [
      'test/protocol/support/official.ts',
      'test/protocol/golden/*.ts',
      'test/protocol/record-golden.ts',
      'test/apps/**/*.ts',
      'test/e2e/devtools.test.ts',
      'bench/official.ts',
      'bench/corpus.ts',
    ],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  prettier,
);
