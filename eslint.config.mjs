// Lint: type-aware rules plus the architecture boundary (src/core never imports vscode or webview code).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'media/**', 'node_modules/**', '.tools/**', 'test-results/**', 'esbuild.mjs', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json', './tsconfig.webview.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is shared by the extension, the CLI and the tests: it must stay free of the editor and the browser.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not import vscode: put editor code in src/extension.' }],
        patterns: [
          { group: ['vscode', 'vscode/*'], message: 'src/core must not import vscode.' },
          { group: ['**/extension/**', '**/webview/**', 'd3', 'd3-*'], message: 'src/core must not import extension or webview code.' },
        ],
      }],
    },
  },
);
