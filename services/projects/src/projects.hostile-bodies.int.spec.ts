import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { officer, projectsAppForSpec } from './test-support/projects-app';

const service = projectsAppForSpec('hostile');

/** The bytes as sent, with Node's own client: a test client would re-encode a body it thinks it knows. */
async function raw(headers: Record<string, string | undefined>, body: Buffer | string): Promise<{ status: number; type: string; contentType: string; correlationId: unknown; correlationHeader: unknown }> {
  const server = service.app.getHttpServer();
  if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const bearer = await officer('ML');
  return new Promise((done, fail) => {
    const call = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/projects/T05-EUTF-SAH-ML-07/suspension', headers: { ...(headers as Record<string, string>), authorization: `Bearer ${bearer}` } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        const problem = JSON.parse(text);
        done({ status: response.statusCode ?? 0, type: problem.type, contentType: response.headers['content-type'] ?? '', correlationId: problem.correlationId, correlationHeader: response.headers['x-correlation-id'] });
      });
    });
    call.on('error', fail);
    call.end(body);
  });
}

describe('bodies a parser refuses get a problem, never a 500', () => {
  it.each([
    { what: 'a body over the size limit', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'x'.repeat(2_000_000) }), status: 413, type: 'payload-too-large' },
    { what: 'a gzip bomb', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(50_000_000, 32)), status: 413, type: 'payload-too-large' },
    { what: 'an unknown Content-Encoding', headers: { 'content-type': 'application/json', 'content-encoding': 'zip-of-doom' }, body: '{}', status: 415, type: 'unsupported-media-type' },
    { what: 'bad brotli data', headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, body: Buffer.from('not brotli at all'), status: 400, type: 'malformed-body' },
    { what: 'an unknown charset', headers: { 'content-type': 'application/json; charset=klingon' }, body: '{}', status: 415, type: 'unsupported-media-type' },
    { what: 'a body that is not JSON', headers: { 'content-type': 'text/plain' }, body: 'reason=Security', status: 415, type: 'unsupported-media-type' },
    { what: 'malformed JSON', headers: { 'content-type': 'application/json' }, body: '{"reason": ', status: 400, type: 'malformed-body' },
  ])('$what: $status $type as problem+json', async ({ headers, body, status, type }) => {
    const response = await raw(headers, body);
    expect({ status: response.status, type: response.type }).toEqual({ status, type: `https://eutf-monitoring/problems/${type}` });
    expect(response.contentType).toMatch(/application\/problem\+json/);
    // The problem names the request it answers, as the logs do: a body the parser refused too.
    expect(typeof response.correlationId).toBe('string');
    expect(response.correlationId).toBe(response.correlationHeader);
  });
});

describe('text no store keeps is refused at the edge, naming the field', () => {
  it.each([
    { what: 'a NUL character', body: '{"reason":"Security \\u0000 situation"}' },
    { what: 'half of a surrogate pair', body: '{"reason":"Security \\ud800 situation"}' },
  ])('$what: 400 naming body.reason', async ({ body }) => {
    const response = await raw({ 'content-type': 'application/json' }, body);
    expect({ status: response.status, type: response.type }).toEqual({ status: 400, type: 'https://eutf-monitoring/problems/validation' });
  });
});
