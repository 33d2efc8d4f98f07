import { connect } from 'node:net';

/** The servers an integration suite may need, and the variable that points at each. */
export const SERVERS = {
  postgresql: { variable: 'DATABASE_URL', name: 'PostgreSQL' },
  kafka: { variable: 'KAFKA_BROKERS', name: 'Kafka' },
  mongodb: { variable: 'MONGO_URL', name: 'MongoDB' },
} as const;

export type ServerKind = keyof typeof SERVERS;

export class InfrastructureUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InfrastructureUnavailableError';
  }
}

/** host:port pairs named by a server's variable. */
export function addressesOf(kind: ServerKind, value: string): Array<{ host: string; port: number }> {
  if (kind === 'kafka') {
    return value.split(',').map((broker) => {
      const [host = '', port = ''] = broker.trim().split(':');
      return { host, port: Number(port) };
    });
  }
  const url = new URL(value);
  const defaultPort = kind === 'postgresql' ? 5432 : 27017;
  return [{ host: url.hostname, port: url.port ? Number(url.port) : defaultPort }];
}

function tcpReachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Returns the endpoints of the servers a suite needs, or throws naming the one that is missing.
 * An integration suite calls this in beforeAll and never skips: a suite that cannot reach
 * its server fails, quickly, with a message that says which server and where it was looked for.
 */
export async function requireInfrastructure<K extends ServerKind>(
  kinds: readonly K[],
  env: Record<string, string | undefined> = process.env,
  timeoutMs = 3_000,
): Promise<Record<K, string>> {
  const endpoints = {} as Record<K, string>;
  const problems: string[] = [];
  for (const kind of kinds) {
    const { variable, name } = SERVERS[kind];
    const value = env[variable];
    if (!value) {
      problems.push(`${name}: ${variable} is not set (run the tests with \`npm test\`, which starts the servers)`);
      continue;
    }
    for (const { host, port } of addressesOf(kind, value)) {
      if (!(await tcpReachable(host, port, timeoutMs))) {
        problems.push(`${name} is not reachable at ${host}:${port} (${variable})`);
      }
    }
    endpoints[kind] = value;
  }
  if (problems.length > 0) throw new InfrastructureUnavailableError(problems.join('; '));
  return endpoints;
}
