// Lint for the whole workspace. The layer rules live here: Nx's enforce-module-boundaries decides
// who may import whom from the `scope:*` and `type:*` tags in each project.json.
import nx from '@nx/eslint-plugin';

/** What a domain or contract lib must never touch: frameworks, drivers, the outside world. */
const infrastructurePackages = [
  '@nestjs/*', 'express', 'pg', 'pg-*', 'kafkajs', 'mongoose', 'mongodb', 'pino', 'pino-*', 'nestjs-pino',
  '@kurrent/*', 'testcontainers', 'node:fs', 'node:http', 'node:net', 'fs', 'http', 'net',
];

const scopes = ['projects', 'disbursements', 'returns', 'reporting'];

/**
 * The plumbing, one lib per job: start-up and health (runtime), the HTTP edge (http), tokens and
 * roles (identity), Kafka (messaging), read models (read-side) and the PostgreSQL event store.
 */
const plumbing = ['type:runtime', 'type:http', 'type:identity', 'type:messaging', 'type:read-side', 'type:event-store'];

const depConstraints = [
  // A service reaches its event store only through the port (@eutf/event-sourcing); the runtime wires the adapter.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: [...plumbing.filter((tag) => tag !== 'type:event-store'), 'type:domain', 'type:contract'] },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contract'],
    bannedExternalImports: infrastructurePackages,
  },
  {
    sourceTag: 'type:contract',
    onlyDependOnLibsWithTags: ['type:contract', 'type:domain'],
    bannedExternalImports: infrastructurePackages,
  },
  ...plumbing.map((tag) => ({ sourceTag: tag, onlyDependOnLibsWithTags: [...plumbing, 'type:domain', 'type:contract'] })),
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', ...plumbing, 'type:domain', 'type:contract'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...scopes.map((scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'] })),
];

const boundaries = (constraints) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: constraints }];

/** Specs of any project may use the test helpers; production code may not. */
const specConstraints = depConstraints.map((constraint) =>
  constraint.onlyDependOnLibsWithTags?.some((tag) => tag.startsWith('type:'))
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'] }
    : constraint,
);

/**
 * A test that does not run hides a failure: skipped (`it.skip`, `xit`), left for later (`it.todo`),
 * or passed over because another is focused (`it.only`, `fit`). Any use counts, `it.skip.each` too.
 */
const testSelectionBans = [
  {
    selector: "MemberExpression[object.name=/^(describe|it|test)$/][property.name=/^(skip|todo)$/], CallExpression > Identifier.callee[name=/^x(describe|it|test)$/], MemberExpression > Identifier.object[name=/^x(describe|it|test)$/]",
    message: 'A skipped test hides a failure; fix it or remove it.',
  },
  {
    selector: "MemberExpression[object.name=/^(describe|it|test)$/][property.name='only'], CallExpression > Identifier.callee[name=/^f(describe|it)$/], MemberExpression > Identifier.object[name=/^f(describe|it)$/]",
    message: 'A focused test silently skips all the others; remove the focus.',
  },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.infra/**', '.nx/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-syntax': ['error', ...testSelectionBans],
    },
  },
  {
    // Nx bans packages by name but lets Node's built-ins through: the domain never does I/O.
    files: ['libs/shared-kernel/src/**/*.ts', 'libs/event-sourcing/src/**/*.ts', 'libs/event-catalog/src/**/*.ts', 'libs/reference-data/src/**/*.ts', 'libs/projects/domain/src/**/*.ts', 'libs/disbursements/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https', 'net', 'node:net', 'child_process', 'node:child_process'].map((name) => ({
            name,
            message: 'A domain lib does no I/O: take what it needs as input.',
          })),
        },
      ],
    },
  },
  {
    // Benchmarks are measuring tools, not production code: they may use the test helpers too.
    files: ['**/*.spec.ts', '**/test-support/**/*.ts', '**/bench/**/*.ts', 'libs/testing/**/*.ts', 'libs/service-testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': boundaries(specConstraints),
    },
  },
];
