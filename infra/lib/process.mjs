import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';

/** Runs a command to completion; rejects with its output when it fails. */
export function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output.slice(-4000)}`));
    });
  });
}

export async function commandExists(command) {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

/** Starts a long-running server detached from this process, logging to a file, and records its pid. */
export function spawnDetached(command, args, { logFile, pidFile, cwd, env }) {
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env: env ?? process.env, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  return child.pid;
}

export function readPid(pidFile) {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim().split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Stops the process recorded in pidFile (never by name): SIGTERM, then SIGKILL after a grace period. */
export async function stopByPidFile(pidFile, graceMs = 20_000) {
  const pid = readPid(pidFile);
  if (!isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  return true;
}

export const sleep = (ms) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

export function isPortOpen(port, host = '127.0.0.1', timeoutMs = 1_000) {
  return new Promise((resolvePromise) => {
    const socket = connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolvePromise(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls a probe until it succeeds; the error names what we waited for and where its log is. */
export async function waitFor(probe, { what, timeoutMs, logFile }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const result = await probe();
      if (result !== false) return result;
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  const hint = logFile ? ` (see ${logFile})` : '';
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s${hint}${lastError ? `: ${lastError.message}` : ''}`);
}

export function log(message) {
  process.stderr.write(`[infra] ${message}\n`);
}
