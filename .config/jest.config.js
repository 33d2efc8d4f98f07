// One Jest run over every project of the workspace, so infrastructure is started once per run
// (by infra/bin/test.mjs). Each folder of services/ and libs/ with a project.json is a Jest project.
const { readdirSync, existsSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, join(root, target)]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** Folders holding a project.json: services/*, libs/* and libs/<context>/* (e.g. libs/projects/domain). */
const projectRoots = ['services', 'libs'].flatMap((group) =>
  readdirSync(join(root, group)).flatMap((name) => {
    const folder = join(root, group, name);
    if (existsSync(join(folder, 'project.json'))) return [folder];
    if (group !== 'libs') return [];
    return readdirSync(folder)
      .map((inner) => join(folder, inner))
      .filter((inner) => existsSync(join(inner, 'project.json')));
  }),
);

const projects = projectRoots.map((rootDir) => ({
  displayName: JSON.parse(readFileSync(join(rootDir, 'project.json'), 'utf8')).name,
  rootDir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.ts$': swc },
  setupFiles: [join(__dirname, 'jest.setup.js')],
  moduleNameMapper,
}));

// Tests of the workspace itself: lint rules, the compose file, the topic list.
projects.push({
  displayName: 'infra',
  rootDir: join(root, 'infra'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
});

module.exports = {
  rootDir: root,
  projects,
  testTimeout: 60_000,
  verbose: true,
};
