import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commandServiceEnvironment, loadConfig, readModelServiceEnvironment } from '@eutf/service-runtime';
import { parse } from 'yaml';

const root = resolve(__dirname, '../..');

/** dclint validates against the Compose Specification's JSON schema; no Docker engine needed. */
function dclint(file: string) {
  return spawnSync(
    process.execPath,
    [join(root, 'node_modules/dclint/bin/dclint.cjs'), '-c', '.config/dclint.json', '--max-warnings', '0', '--color', 'false', file],
    { cwd: root, encoding: 'utf8' },
  );
}

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };

  it('is a valid Compose file by the Compose Specification schema', () => {
    const result = dclint('docker-compose.yml');
    expect(result.stdout + result.stderr).not.toMatch(/error/);
    expect(result.status).toBe(0);
  });

  it('the schema check bites: a misspelt key fails it', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'compose-')), 'docker-compose.yml');
    writeFileSync(broken, 'services:\n  projects:\n    image: eutf-monitoring:local\n    restartt: always\n');
    const result = dclint(broken);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/invalid-schema/);
  });

  it('runs PostgreSQL, Kafka, MongoDB, KurrentDB under a profile, and the four services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['disbursements', 'kafka', 'kafka-topics', 'kurrentdb', 'mongo', 'postgres', 'projects', 'reporting', 'returns'].sort(),
    );
    expect(compose.services['kurrentdb']?.profiles).toEqual(['kurrentdb']);
  });

  it.each([
    ['projects', '3101'],
    ['disbursements', '3102'],
    ['returns', '3103'],
    ['reporting', '3104'],
  ])('starts the %s service from the built image on port %s, after the topics exist', (service, port) => {
    const definition = compose.services[service];
    expect(definition?.command).toEqual(['node', `dist/services/${service}/src/main.js`]);
    expect(definition?.environment?.['PORT']).toBe(port);
    expect(definition?.ports).toEqual([`127.0.0.1:${port}:${port}`]);
    expect(definition?.depends_on?.['kafka-topics']).toEqual({ condition: 'service_completed_successfully' });
  });

  it('publishes every server on loopback only, on the native stack\'s ports', () => {
    expect(compose.services['postgres']?.ports).toEqual(['127.0.0.1:55432:5432']);
    expect(compose.services['kafka']?.ports).toEqual(['127.0.0.1:59092:59092']);
    expect(compose.services['mongo']?.ports).toEqual(['127.0.0.1:57017:27017']);
  });

  // The environments the services validate at start-up (each service's config.ts names one of these).
  const services = [
    { name: 'projects', environment: commandServiceEnvironment(3101) },
    { name: 'disbursements', environment: commandServiceEnvironment(3102) },
    { name: 'returns', environment: commandServiceEnvironment(3103) },
    { name: 'reporting', environment: readModelServiceEnvironment(3104) },
  ];
  it.each(services)('gives the $name service an environment its configuration accepts', (service) => {
    // Compose's own substitution: ${NAME:-default} takes the default when NAME is not set.
    const environment = Object.fromEntries(
      Object.entries(compose.services[service.name]?.environment ?? {}).map(([name, value]) => [name, String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
    );
    expect(() => loadConfig(service.environment, environment)).not.toThrow();
  });
});
