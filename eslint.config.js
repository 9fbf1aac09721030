import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx, '@typescript-eslint': tseslint.plugin },
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An app never imports another app; apps meet only through the libraries.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // DESIGN.md's layering by kind: contracts import only contracts; clients (portal,
          // mini-program) only contracts; the edge (gateway) imports no database package. Nx counts
          // projects, not entries: the gateway uses the bus lib's client entry, and the whole graph
          // behind it is checked by tools/boundaries/gateway-graph.spec.ts. (Test support is imported
          // by each project's tests, which Nx counts as the project, so it is not banned here.)
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:app'] },
            { sourceTag: 'kind:contracts', onlyDependOnLibsWithTags: ['kind:contracts'] },
            { sourceTag: 'kind:client', onlyDependOnLibsWithTags: ['kind:contracts'] },
            {
              sourceTag: 'kind:shared',
              onlyDependOnLibsWithTags: ['kind:contracts', 'kind:shared'],
            },
            { sourceTag: 'kind:edge', bannedExternalImports: ['pg', 'typeorm', '@nestjs/typeorm'] },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    // Domain code is pure (DESIGN.md): no framework, no database, no bus.
    files: ['apps/*/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'pg',
                '@netsign/persistence',
                '@netsign/messaging',
                '@netsign/messaging/*',
                '@netsign/runtime',
                '@netsign/runtime/*',
                'bullmq',
                'ioredis',
              ],
              message: 'domain code is pure: no framework, database or bus imports (DESIGN.md)',
            },
          ],
        },
      ],
    },
  },
  {
    // The end-to-end harness is where apps are assembled into the whole system: it may import
    // them by path (Nx would otherwise ask for an npm scope per app).
    files: ['e2e/**/*.ts', 'apps/*/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // The browser tests of a client app use the shared harness in tools/browser-e2e (no project).
    files: ['apps/*/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  prettier,
);
