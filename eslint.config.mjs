// One lint configuration for the workspace. Module boundaries are enforced from project tags:
// a service may depend on contracts and shared libraries, never on another service; only the
// deployment checks (type:deploy) may reach into services, for their config schemas.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Which project may import which, by tag.
const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:lib', 'type:contract', 'type:testing'],
  },
  {
    sourceTag: 'type:lib',
    onlyDependOnLibsWithTags: ['type:lib', 'type:contract', 'type:testing'],
  },
  {
    sourceTag: 'type:contract',
    onlyDependOnLibsWithTags: ['type:contract', 'type:testing'],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // The deployment checks (deploy/) know every service: they may depend on apps.
  {
    sourceTag: 'type:deploy',
    onlyDependOnLibsWithTags: ['type:app', 'type:lib', 'type:contract', 'type:testing'],
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules', '**/dist', '.tributary', '.nx', 'contracts/src/generated'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints }],
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Config files and small tools in plain CommonJS.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The deployment checks validate each service's config schemas (its `src/config/*.config.ts`
    // and `src/migrate.ts`; the image check compares the migrations each applies). Nx never lets a project import an application by path, whatever
    // its tags, so exactly these imports are allowed here, for deploy/ alone.
    files: ['deploy/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: ['^(\\.\\./)+services/[a-z-]+/src/(config/[a-z-]+\\.config|migrate)$'],
          depConstraints,
        },
      ],
    },
  },
  {
    // Scripts print to the terminal on purpose.
    files: ['scripts/**/*.ts', 'contracts/examples/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Examples import the package by name, exactly as an external producer would.
    files: ['contracts/examples/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);
