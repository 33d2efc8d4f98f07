import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { DEVELOPMENT_ONLY_JWT_SECRET } from '@eutf/identity';
import { ProjectsFreeTexts } from './projects-free-texts.client';

const TEXT_ID = '11111111-1111-4111-8111-111111111111';

/** A stand-in for the projects service's `GET /free-texts`, answering what a test says (the real one is in the e2e suite). */
async function serving(answer: (request: IncomingMessage) => { status: number; body: unknown }): Promise<{ url: string; server: Server; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    const { status, body } = answer(request);
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen };
}

describe("reporting's client of the projects service's free texts", () => {
  const servers: Server[] = [];
  afterAll(async () => Promise.all(servers.map((server) => new Promise((done) => server.close(done)))));

  it('asks with a bearer token it mints in development, and answers the entries by id', async () => {
    const stub = await serving(() => ({
      status: 200,
      body: { texts: [{ textId: TEXT_ID, field: 'reason', status: 'shown', text: 'Please add the age bands', recordedAt: '2017-07-03T09:12:40.118Z', erasedAt: null }] },
    }));
    servers.push(stub.server);
    const client = new ProjectsFreeTexts({ baseUrl: stub.url, credential: { developmentSecret: DEVELOPMENT_ONLY_JWT_SECRET } });
    expect(await client.entries([TEXT_ID])).toEqual(new Map([[TEXT_ID, { text: 'Please add the age bands', erasedAt: null }]]));
    expect(stub.seen[0]?.url).toBe(`/free-texts?ids=${TEXT_ID}`);
    expect(stub.seen[0]?.headers.authorization).toMatch(/^Bearer ey/);
    // Nothing to show, nothing asked.
    expect(await client.entries([])).toEqual(new Map());
    expect(stub.seen).toHaveLength(1);
  });

  it('answers "could not ask" (undefined) when the service refuses, and logs the status, never the answer', async () => {
    const stub = await serving(() => ({ status: 500, body: { detail: 'Aminata Diallo' } }));
    servers.push(stub.server);
    const warnings: unknown[] = [];
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(message));
    try {
      expect(await new ProjectsFreeTexts({ baseUrl: stub.url, credential: { token: 'a-token' } }).entries([TEXT_ID])).toBeUndefined();
      expect(await new ProjectsFreeTexts({ baseUrl: 'http://127.0.0.1:1', credential: { token: 'a-token' } }).entries([TEXT_ID])).toBeUndefined();
      expect(await new ProjectsFreeTexts({ baseUrl: stub.url, credential: undefined }).entries([TEXT_ID])).toBeUndefined();
    } finally {
      warn.mockRestore();
    }
    expect(warnings).toContainEqual({ status: 500 });
    expect(JSON.stringify(warnings)).not.toContain('Aminata');
  });
});
