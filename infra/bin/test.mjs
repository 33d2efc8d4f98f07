#!/usr/bin/env node
// `npm test`: lint, type-check, and every unit and integration test in one Jest run, with the
// servers started once for the whole run (given endpoints → containers → native stack) and
// stopped afterwards if this run started them. A server that cannot be reached fails the run.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bringUpInfrastructure, describeServers, isolateForTests } from '../lib/stack.mjs';
import { repoRoot, stateDir } from '../lib/paths.mjs';
import { DEVELOPMENT_ONLY_JWT_SECRET } from './token.mjs';

// Services verify development tokens unless an OIDC issuer is configured.
if (!process.env.OIDC_JWKS_URL && !process.env.EUTF_DEV_JWT_SECRET) process.env.EUTF_DEV_JWT_SECRET = DEVELOPMENT_ONLY_JWT_SECRET;

const args = process.argv.slice(2);
const jestOnly = args.includes('--jest-only');
const jestArgs = args.filter((arg) => arg !== '--jest-only');
const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);

function step(title, command, commandArgs, env = process.env) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    process.stderr.write(`\n▶ ${title}\n`);
    const child = spawn(command, commandArgs, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('close', (code) => {
      process.stderr.write(`${code === 0 ? '✔' : '✘'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      resolvePromise(code ?? 1);
    });
  });
}

/** Lint needs Nx's project graph for the module-boundary rule; without it the rule would silently skip. */
const staticChecks = async () => {
  if (jestOnly) return 0;
  const graph = await step('nx project graph', bin('nx'), ['show', 'projects'], { ...process.env, NX_DAEMON: 'false' });
  if (graph !== 0) return graph;
  const lint = await step('lint (module boundaries included)', bin('eslint'), ['-c', '.config/eslint.config.mjs', '--max-warnings', '0', 'services', 'libs', 'infra/test']);
  const types = await step('type-check', bin('tsc'), ['-p', '.config/tsconfig.typecheck.json']);
  return lint || types;
};

let infrastructure;
let exitCode = 1;
const stopInfrastructure = async () => {
  const running = infrastructure;
  infrastructure = undefined;
  await running?.stop();
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stopInfrastructure();
    process.exit(130);
  });
}

try {
  const [checks, infra] = await Promise.allSettled([
    staticChecks(),
    (async () => {
      process.stderr.write('\n▶ infrastructure\n');
      return bringUpInfrastructure();
    })(),
  ]);
  if (infra.status === 'rejected') {
    throw new Error(`The servers the tests need are not available:\n${infra.reason.message}`);
  }
  infrastructure = infra.value;
  process.stderr.write(`✔ infrastructure\n${(await describeServers(infrastructure.env)).map((line) => `  ${line}`).join('\n')}\n`);
  const testEnv = await isolateForTests(infrastructure.env);
  process.stderr.write(`  tests use ${new URL(testEnv.DATABASE_URL).pathname.slice(1)} (PostgreSQL), ${new URL(testEnv.MONGO_URL).pathname.slice(1)} (MongoDB), topics ${testEnv.EUTF_TOPIC_NAMESPACE}.*\n`);

  mkdirSync(stateDir, { recursive: true });
  const resultsFile = join(stateDir, 'jest-results.json');
  rmSync(resultsFile, { force: true });
  const jest = await step(
    'jest (unit and integration tests, real servers)',
    process.execPath,
    // --forceExit: a client left open by a test must not hang CI for 90 minutes; Jest still names the leak.
    [bin('jest'), '--config', '.config/jest.config.js', '--forceExit', '--json', `--outputFile=${resultsFile}`, ...jestArgs],
    { ...process.env, ...testEnv, NX_DAEMON: 'false' },
  );
  if (existsSync(resultsFile)) {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    const skipped = results.numPendingTests + results.numTodoTests;
    // The plain closing line CI reads, whatever the runner.
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
    if (results.numTotalTests === 0) process.stderr.write('No test ran: that is a failure, not a pass.\n');
    exitCode = jest || checks.value || (results.numTotalTests === 0 ? 1 : 0);
  } else {
    exitCode = jest || 1;
  }
  if (checks.status === 'fulfilled' && checks.value !== 0) process.stderr.write('\nLint or type-check failed (see above).\n');
} catch (error) {
  process.stderr.write(`\n✘ ${error.message}\n`);
  exitCode = 1;
} finally {
  await stopInfrastructure();
}
process.exit(exitCode);
