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
// Tests run on a developer's machine or CI's, never where anyone else can reach the services.
process.env.EUTF_DEVELOPMENT ??= 'true';
// The generated attack suites send thousands of commands a minute with one token: the budget a
// caller gets in production would refuse them. The budget's own spec sets a small one.
process.env.COMMAND_RATE_LIMIT_PER_MINUTE ??= '1000000';
process.env.COMMAND_RATE_LIMIT_BURST ??= '100000';

const args = process.argv.slice(2);
const jestOnly = args.includes('--jest-only');
const faultsOnly = args.includes('--faults-only');
const jestArgs = args.filter((arg) => arg !== '--jest-only' && arg !== '--faults-only');
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
  if (jestOnly || faultsOnly) return 0;
  const graph = await step('nx project graph', bin('nx'), ['show', 'projects'], { ...process.env, NX_DAEMON: 'false' });
  if (graph !== 0) return graph;
  const lint = await step('lint (module boundaries included)', bin('eslint'), ['-c', '.config/eslint.config.mjs', '--max-warnings', '0', 'services', 'libs', 'infra/test']);
  const types = await step('type-check', bin('tsc'), ['-p', '.config/tsconfig.typecheck.json']);
  return lint || types;
};

let infrastructure;
let exitCode = 1;

/**
 * The fault-injection suite (infra/bin/faults.mjs) kills and restarts the servers, so it runs after
 * Jest, and only on native servers this machine runs: servers given by the environment or run as
 * containers are not ours to kill, and the run says so.
 */
async function faultInjection(testEnv) {
  if (jestOnly) return { passed: 0, failed: 0, exitCode: 0 };
  if (!infrastructure.native) {
    // Not a silent skip: in CI it fails the run; on a developer's own servers it says why it did not run.
    process.stderr.write('\n✘ fault injection not run: it kills servers, and these are not the native stack of this checkout\n');
    return process.env.CI ? { passed: 0, failed: 1, exitCode: 1 } : { passed: 0, failed: 0, exitCode: 0 };
  }
  const resultsFile = join(stateDir, 'faults-results.json');
  rmSync(resultsFile, { force: true });
  const code = await step('fault injection (kill -9 and restart each server while commands flow)', process.execPath, [join(repoRoot, 'infra', 'bin', 'faults.mjs')], {
    ...process.env,
    ...testEnv,
  });
  if (!existsSync(resultsFile)) return { passed: 0, failed: 1, exitCode: code || 1 };
  const { passed, failed } = JSON.parse(readFileSync(resultsFile, 'utf8'));
  return { passed, failed, exitCode: code };
}
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
  const jest = faultsOnly
    ? 0
    : await step(
        'jest (unit and integration tests, real servers)',
        process.execPath,
        // --forceExit: a client left open by a test must not hang CI for 90 minutes; Jest still names the leak.
        [bin('jest'), '--config', '.config/jest.config.js', '--forceExit', '--json', `--outputFile=${resultsFile}`, ...jestArgs],
        { ...process.env, ...testEnv, NX_DAEMON: 'false' },
      );
  const faults = await faultInjection(testEnv);
  const results = faultsOnly
    ? { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numTotalTests: 0 }
    : existsSync(resultsFile)
      ? JSON.parse(readFileSync(resultsFile, 'utf8'))
      : undefined;
  if (results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const total = results.numTotalTests + faults.passed + faults.failed;
    // The plain closing line CI reads, whatever the runner: the fault checks count as tests.
    process.stdout.write(
      `\ntests: ${results.numPassedTests + faults.passed} passed, ${results.numFailedTests + faults.failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
    if (total === 0) process.stderr.write('No test ran: that is a failure, not a pass.\n');
    exitCode = jest || checks.value || faults.exitCode || (total === 0 ? 1 : 0);
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
