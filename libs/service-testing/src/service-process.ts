import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** A port nothing listens on right now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
}

export interface ServiceProcessOptions {
  /** The service's LOG_LEVEL; warn by default. */
  logLevel?: string;
  /** Told every chunk the service writes to stdout and stderr (its pino logs), e.g. to search them. */
  onOutput?: (chunk: string) => void;
}

/**
 * Runs a service as its own process, on a free port, and resolves once it answers ready: from its
 * sources, compiled on load, or with EUTF_RUN_COMPILED=true from the build in dist/, as `npm start`
 * runs it. `nodeFlags` go to node (e.g. --cpu-prof).
 */
export async function startServiceProcess(
  service: string,
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
  { logLevel = 'warn', onOutput }: ServiceProcessOptions = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  // The benches run the compiled build, as `npm start` does (bench.mjs builds it first): no loader
  // compiling at run time, and none of its memory. Tests run the sources.
  const compiled = process.env['EUTF_RUN_COMPILED'] === 'true';
  const entry = compiled ? [join(root, 'dist', 'services', service, 'src', 'main.js')] : ['-r', '@swc-node/register', join(root, 'services', service, 'src', 'main.ts')];
  const child = spawn(process.execPath, [...nodeFlags, ...entry], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: logLevel, SWC_NODE_PROJECT: 'tsconfig.base.json' },
    stdio: ['ignore', onOutput ? 'pipe' : 'ignore', onOutput ? 'pipe' : 'inherit'],
  });
  if (onOutput) {
    child.stdout?.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')));
  }
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`the ${service} service exited with ${child.exitCode}`);
    if (await fetch(`${url}/health/ready`).then((response) => response.ok, () => false)) return { url, child };
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the ${service} service did not become ready within 60 s`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}
