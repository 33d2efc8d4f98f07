import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { EventStore, LogPosition } from '@eutf/event-sourcing';

/** A request exactly as an attacker sends it: the path as written (`..`, `%00` and all), any headers, any bytes. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface RawAnswer {
  status: number;
  contentType: string;
  /** The body parsed as JSON when it is JSON, else its text. */
  body: unknown;
}

export interface RawHttp {
  send(request: RawRequest): Promise<RawAnswer>;
  close(): void;
}

/**
 * Sends requests to the app over a real socket with Node's own client: a test client would
 * normalise the path (`..`), re-encode the body, or set the content type it thinks right.
 */
export async function rawHttpTo(app: INestApplication): Promise<RawHttp> {
  const server = app.getHttpServer();
  if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    send: ({ method, path, headers, body }) =>
      new Promise((done, fail) => {
        const call = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const contentType = response.headers['content-type'] ?? '';
            let parsed: unknown = text;
            if (/json/.test(contentType)) {
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = text;
              }
            }
            done({ status: response.statusCode ?? 0, contentType, body: parsed });
          });
        });
        call.on('error', fail);
        call.end(body);
      }),
    close: () => agent.destroy(),
  };
}

/**
 * The last event of a store's log, to tell whether a request appended anything: a refused request
 * must leave every stream as it was. Requests are sent one at a time, so anything after the mark
 * is the last request's — once the events of every request before it have shown. The log shows an
 * event only when no older transaction of the database may still commit before it, so an accepted
 * command's events can show a moment after its answer, while other suites write to the same
 * server: the mark waits for the events an accepted answer names, and starts on a log at rest.
 */
export class LogWatermark {
  private position: LogPosition | undefined;
  private readonly seen = new Set<string>();
  constructor(private readonly store: EventStore) {}

  /** Sets the mark at the end of a log that has stopped growing (what the set-up wrote has all shown). */
  async start(): Promise<void> {
    for (let quiet = 0; quiet < 3; ) {
      quiet = (await this.read()) === 0 ? quiet + 1 : 0;
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  /**
   * Moves the mark past what `answer`'s request appended; resolves with how many events were
   * appended since the last mark. An accepted answer's receipt names its events: they are waited
   * for (10 s at most), so they are never counted against the next request.
   */
  async advance(answer?: RawAnswer): Promise<number> {
    const receipt = answer && answer.status < 300 && typeof answer.body === 'object' && answer.body !== null ? (answer.body as { eventIds?: unknown }).eventIds : undefined;
    const awaited = Array.isArray(receipt) ? receipt.filter((id): id is string => typeof id === 'string') : [];
    let appended = await this.read();
    for (const deadline = Date.now() + 10_000; awaited.some((id) => !this.seen.has(id)) && Date.now() < deadline; ) {
      await new Promise((done) => setTimeout(done, 20));
      appended += await this.read();
    }
    return appended;
  }

  private async read(): Promise<number> {
    let appended = 0;
    for (;;) {
      const batch = await this.store.readAll({ ...(this.position ? { after: this.position } : {}), maxCount: 500 });
      if (batch.length === 0) return appended;
      appended += batch.length;
      for (const event of batch) this.seen.add(event.eventId);
      this.position = batch[batch.length - 1]?.position;
    }
  }
}

const RULE_TYPES = /\/problems\/(concurrency-conflict|idempotency-key-reused)$/;

/**
 * What is wrong with an answer to a request the service should refuse cleanly, if anything: never a
 * 5xx; a 400 names each field (`errors[].field`); a 409 or 422 names its rule; a refusal appends
 * nothing. `undefined` when the answer holds.
 */
export function flawOf(answer: RawAnswer, appended: number, documented?: Readonly<Record<string, readonly string[]>>): string | undefined {
  const problem = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as { errors?: unknown; rule?: unknown; type?: unknown };
  if (answer.status >= 500) return `answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`;
  if (answer.status >= 400 && appended > 0) return `refused with ${answer.status} yet appended ${appended} event(s)`;
  if (answer.status === 400) {
    const fields = Array.isArray(problem.errors) ? problem.errors.map((error: { field?: unknown }) => error?.field) : [];
    if (fields.length === 0 || fields.some((field) => typeof field !== 'string' || field.length === 0)) {
      return `400 without naming the field: ${JSON.stringify(answer.body).slice(0, 300)}`;
    }
  }
  if (answer.status === 409 || answer.status === 422) {
    const named = (typeof problem.rule === 'string' && problem.rule.length > 0) || (typeof problem.type === 'string' && RULE_TYPES.test(problem.type));
    if (!named) return `${answer.status} without naming its rule: ${JSON.stringify(answer.body).slice(0, 300)}`;
  }
  // A rule a client may get is one the operation documents, under the status it comes with.
  if (documented && typeof problem.rule === 'string' && !(documented[String(answer.status)] ?? []).includes(problem.rule)) {
    return `${answer.status} ${problem.rule}, a rule the operation does not document under ${answer.status}`;
  }
  return undefined;
}
