// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** One shape for the code: ESLint's and typescript-eslint's recommended rules; Prettier does the layout. */
export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', '.test-build/', 'apps/api/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
