import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { documentedOperations, servedDocument, startServiceProcess, type ServiceProcess } from '@eutf/service-testing';
import { officer, projectsAppForSpec, provisionalRegistration } from './test-support/projects-app';

// A budget small enough to spend in a test: 3 commands at once, then one a second.
process.env['COMMAND_RATE_LIMIT_PER_MINUTE'] = '60';
process.env['COMMAND_RATE_LIMIT_BURST'] = '3';
const service = projectsAppForSpec('limits');

describe('a caller over its command budget', () => {
  it('gets 429 with Retry-After and a problem saying so; nothing is appended; another caller goes on', async () => {
    const run = randomUUID().slice(0, 8);
    const mali = await officer('ML');
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await service.post('/projects', mali, provisionalRegistration(`ml-limits-${run}-${index}`))).status);
    expect(statuses).toEqual([201, 201, 201, 429]);

    const refused = await service.post('/projects', mali, provisionalRegistration(`ml-limits-${run}-refused`));
    expect([refused.status, refused.headers['retry-after'], refused.headers['content-type']]).toEqual([429, '1', 'application/problem+json; charset=utf-8']);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('too-many-commands'), title: 'Too many commands', status: 429 });
    expect(await service.versionOf(`project-ml-limits-${run}-refused`)).toBeNull();

    expect((await service.post('/projects', await officer('NE'), { ...provisionalRegistration(`ne-limits-${run}`), countries: ['NE'] })).status).toBe(201);
    // A second later the budget holds one command again.
    await new Promise((done) => setTimeout(done, 1_100));
    expect((await service.post('/projects', mali, provisionalRegistration(`ml-limits-${run}-later`))).status).toBe(201);
  });

  it('is told in the OpenAPI document of every command', () => {
    const commands = documentedOperations(servedDocument(service.app)).filter((operation) => operation.method !== 'GET');
    const document = servedDocument(service.app);
    const without429 = commands.filter((operation) => !(document.paths[operation.path]?.[operation.method.toLowerCase() as 'post']?.responses as Record<string, unknown>)['429']);
    expect([commands.length > 20, without429.map((operation) => operation.name)]).toEqual([true, []]);
  });
});

describe('a client too slow to send its request', () => {
  const schema = `projects_slow_${randomUUID().slice(0, 8)}`;
  let projects: ServiceProcess | undefined;
  beforeAll(async () => {
    projects = await startServiceProcess('projects', { DATABASE_SCHEMA: schema, HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' });
  }, 90_000);
  afterAll(async () => {
    const child = projects?.child;
    if (child && child.exitCode === null) await new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')));
    const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => pool.end());
  });

  /** Opens a connection, sends `sent` and then nothing; resolves with what the server wrote and when it closed. */
  function trickle(sent: string): Promise<{ answer: string; closedAfterMs: number }> {
    const { port } = new URL(projects?.url as string);
    return new Promise((done, fail) => {
      const startedAt = Date.now();
      let answer = '';
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(sent));
      socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
      socket.on('error', fail);
      socket.on('close', () => done({ answer, closedAfterMs: Date.now() - startedAt }));
      setTimeout(() => {
        socket.destroy();
        fail(new Error('the server kept the connection open for 15 s'));
      }, 15_000);
    });
  }

  it('is answered 408 and dropped once its headers take longer than the headers timeout', async () => {
    const { answer, closedAfterMs } = await trickle('POST /projects HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
    expect(answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
  }, 20_000);

  it('is answered 408 and dropped when its body takes longer than the request timeout', async () => {
    const { answer, closedAfterMs } = await trickle('POST /projects HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ti');
    expect(answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(closedAfterMs).toBeGreaterThanOrEqual(1_900);
  }, 20_000);
});
