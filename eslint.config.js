import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'bench/results/**',
      'coverage/**',
      '.dependency-cruiser.cjs',
      'services/gateway/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The read models' tables are packages/projections' own: everyone else calls a function it exports.
    files: ['**/*.ts'],
    ignores: ['packages/projections/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/\\brm_[a-z]/]',
          message:
            'rm_* tables belong to packages/projections: read them through a function it exports',
        },
        {
          selector: 'TemplateElement[value.raw=/\\brm_[a-z]/]',
          message:
            'rm_* tables belong to packages/projections: read them through a function it exports',
        },
      ],
    },
  },
);
