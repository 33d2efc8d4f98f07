import type { ChildProcess } from 'node:child_process';
import { mintDevelopmentToken, type Role } from '@eutf/identity';
import { startServiceProcess, type ServiceProcessOptions } from '@eutf/service-testing';
import request from 'supertest';

export type Scope = { country?: string; org?: string };

/** A development token for one role, as `infra/bin/token.mjs` mints it. */
export const token = (roles: Role[], scope: Scope = {}) =>
  mintDevelopmentToken({ subject: `${roles[0]}-${scope.country ?? scope.org ?? 'hq'}`, roles, ...scope }, process.env['EUTF_DEV_JWT_SECRET'] as string);

/** The services a suite runs as their own processes, as `npm start` does, stopped together at the end. */
export class ServiceProcesses {
  private readonly children: ChildProcess[] = [];

  /** Starts one service and resolves with its URL once it answers ready. */
  async start(service: string, env: Record<string, string>, options: ServiceProcessOptions = {}): Promise<string> {
    const { url, child } = await startServiceProcess(service, env, [], options);
    this.children.push(child);
    return url;
  }

  /** SIGTERM: each service stops taking requests, finishes its batch, commits and disconnects. */
  stopAll(): Promise<void[]> {
    return Promise.all(
      this.children.map((child) => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))))),
    );
  }
}

/** Polls `read` until `ready` holds of what it returns; fails with the last reading after `seconds`. */
export async function eventually<T>(what: string, read: () => Promise<T>, ready: (value: T) => boolean, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1_000;
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} never came: ${JSON.stringify(value)}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/**
 * Opens a report as a person would in a browser: asks `POST /report-links` for a link with the
 * token, then follows the link without any header.
 */
export async function openThroughReportLink(reporting: string, path: string, bearer: string) {
  const answer = await request(reporting).post('/report-links').set('Authorization', `Bearer ${bearer}`).send({ path });
  if (answer.status !== 200) throw new Error(`POST /report-links for ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return request(reporting).get((answer.body as { url: string }).url);
}
