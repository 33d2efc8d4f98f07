import { mintDevelopmentToken, type Role } from '@eutf/identity';
import { tokenFor } from '../command-service.harness';
import { pathOf, type DocumentedOperation } from './documented-operations';
import type { LogWatermark, RawAnswer, RawHttp } from './raw-http';

/**
 * Who knocks. The world every service's matrix is built on: a project of Mali (ML) implemented by
 * IOM and GIZ, whose partner-owned records (results, contracts) are IOM's; where the world says so
 * (`participating`), a project led by Mali in which Senegal (SN) participates. Each caller is in or
 * out of that scope: another country's officer (NE), a participating country's officer (SN: reads
 * the project, manages nothing of it; another country's officer where no world project lists SN),
 * another organisation (SAVE, not on the project), a co-partner (GIZ, on the project but not the
 * owner of IOM's records).
 */
export const CALLERS = [
  { name: 'no token', kind: 'unauthenticated' },
  { name: 'forged token', kind: 'unauthenticated' },
  { name: 'expired token', kind: 'unauthenticated' },
  { name: 'malformed token', kind: 'unauthenticated' },
  { name: 'officer of ML', kind: 'in-scope', role: 'delegation-officer' },
  { name: 'officer of NE', kind: 'other-country', role: 'delegation-officer' },
  { name: 'officer of SN', kind: 'participating-country', role: 'delegation-officer' },
  { name: 'partner IOM', kind: 'in-scope', role: 'implementing-partner' },
  { name: 'partner GIZ', kind: 'co-partner', role: 'implementing-partner' },
  { name: 'partner SAVE', kind: 'other-organisation', role: 'implementing-partner' },
  { name: 'hq-finance', kind: 'in-scope', role: 'hq-finance' },
  { name: 'hq-analyst', kind: 'in-scope', role: 'hq-analyst' },
  { name: 'admin', kind: 'in-scope', role: 'admin' },
] as const satisfies ReadonlyArray<{ name: string; kind: string; role?: Role }>;

export type Caller = (typeof CALLERS)[number];

/** The bearer token each caller sends (none for `no token`). */
export async function callerTokens(): Promise<Record<Caller['name'], string | undefined>> {
  const secret = process.env['EUTF_DEV_JWT_SECRET'] as string;
  const officer = await tokenFor(['delegation-officer'], { country: 'ML' });
  return {
    'no token': undefined,
    'forged token': await mintDevelopmentToken({ subject: 'forger', roles: ['admin'] }, `${secret}-but-not-quite-the-same-secret`),
    'expired token': await mintDevelopmentToken({ subject: 'late', roles: ['admin'], expiresIn: -60 }, secret),
    'malformed token': `${officer.slice(0, -8)}AAAAAAAA`,
    'officer of ML': officer,
    'officer of NE': await tokenFor(['delegation-officer'], { country: 'NE' }),
    'officer of SN': await tokenFor(['delegation-officer'], { country: 'SN' }),
    'partner IOM': await tokenFor(['implementing-partner'], { org: 'IOM' }),
    'partner GIZ': await tokenFor(['implementing-partner'], { org: 'GIZ' }),
    'partner SAVE': await tokenFor(['implementing-partner'], { org: 'SAVE' }),
    'hq-finance': await tokenFor(['hq-finance']),
    'hq-analyst': await tokenFor(['hq-analyst']),
    admin: await tokenFor(['admin']),
  };
}

export interface AccessWorld {
  /** A value for every path parameter, naming what exists in the world (the ML project, IOM's records). */
  path: Readonly<Record<string, string>>;
  /** For the parameters that name something one may not see: a value naming nothing (an unknown project, contract…). */
  unknown: Readonly<Record<string, string>>;
  /** The rules that say "no such project (that you may see)", besides any 404. */
  noSuchProject?: readonly string[];
  /** The country of the world's project (ML), its lead. */
  country: string;
  /**
   * Whether the world's project lists SN as a participating country (led by ML): its officer then
   * reads the project and gets `officer-not-lead-country` (403) for every command on it.
   * Otherwise SN is just another country.
   */
  participating?: boolean;
  /** The path parameters whose records belong to one partner (IOM): a co-partner is out of their scope. */
  partnerOwned: readonly string[];
  /** The body each operation is sent with (the documented example unless given). */
  bodyOf?(operation: DocumentedOperation): unknown;
}

/** What a caller must get: a 401, a 403 for the role, the answer of something that does not exist, or through to the domain. */
export type Expected = { is: 401 } | { is: 403 } | { is: 'as-unknown'; parameter: string } | { is: 'not-the-owner'; parameter: string } | { is: 'not-the-lead' } | { is: 'reached' };

/** The rule a participating country's officer is refused by, on every command on the project. */
export const NOT_THE_LEAD = 'officer-not-lead-country';

/**
 * The expected answer, from the operation's documented roles and its path alone: a caller with
 * no valid token gets 401; a role the operation does not document gets 403; a caller out of
 * scope gets exactly what a request naming nothing gets (no existence oracle), except for a
 * country in the path, which is no secret (403); a participating country's officer reads the
 * project and is refused every command on it by name (403 officer-not-lead-country); anyone else
 * gets through to the domain.
 */
export function expectedFor(operation: DocumentedOperation, caller: Caller, world: AccessWorld): Expected {
  if (caller.kind === 'unauthenticated') return { is: 401 };
  if (operation.roles === 'public') return { is: 'reached' };
  if (!operation.roles.includes(caller.role)) return { is: 403 };
  const parameters = operation.pathParams.map((parameter) => parameter.name);
  const kind = caller.kind === 'participating-country' && !world.participating ? 'other-country' : caller.kind;
  if (kind === 'participating-country') {
    if (parameters.includes('projectId')) return operation.command ? { is: 'not-the-lead' } : { is: 'reached' };
    // Anything else names Mali (a country in the path, a registration's countries) or nothing: as for another country.
    const namesCountry = parameters.includes('country') || JSON.stringify(operation.body?.example ?? null).includes(`"${world.country}"`);
    return namesCountry ? { is: 403 } : { is: 'reached' };
  }
  if (kind === 'other-country' || kind === 'other-organisation') {
    if (parameters.includes('projectId')) return { is: 'as-unknown', parameter: 'projectId' };
    // A country in the path, or in the body of a new record (a registration's countries), is no secret.
    const namesCountry = parameters.includes('country') || JSON.stringify(operation.body?.example ?? null).includes(`"${world.country}"`);
    if (namesCountry && kind === 'other-country') return { is: 403 };
  }
  if (caller.kind === 'co-partner') {
    const owned = parameters.find((parameter) => world.partnerOwned.includes(parameter));
    if (owned) return { is: 'not-the-owner', parameter: owned };
  }
  return { is: 'reached' };
}

const FORBIDDEN = 'https://eutf-monitoring/problems/forbidden';
const UNAUTHENTICATED = 'https://eutf-monitoring/problems/unauthenticated';

/** The part of an answer that must not differ between "exists but not yours" and "does not exist". */
const shapeOf = (answer: RawAnswer) => {
  const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as { type?: unknown; rule?: unknown; title?: unknown };
  return { status: answer.status, type: body.type, rule: body.rule, title: body.title };
};

export interface AccessCase {
  operation: string;
  caller: Caller['name'];
  expected: string;
  status: number;
  wrong?: string;
  /** A refusal that holds but tells the caller more than an unknown id would (e.g. that a co-partner's record exists). */
  note?: string;
}

export interface AccessRun {
  operations: readonly DocumentedOperation[];
  http: RawHttp;
  watermark?: LogWatermark;
  world: AccessWorld;
}

/**
 * Sends every operation as every caller and checks each answer against {@link expectedFor}; a
 * refused request must append nothing. Returns every case, the wrong ones with what is wrong.
 */
export async function walkAccessMatrix(run: AccessRun): Promise<AccessCase[]> {
  const tokens = await callerTokens();
  const cases: AccessCase[] = [];
  await run.watermark?.start();
  for (const operation of run.operations) {
    const json = run.world.bodyOf?.(operation) ?? operation.body?.example;
    // The documented body as sent: JSON, or the file an upload takes in its documented media type.
    const body = operation.file ? { type: operation.file.mediaType, text: operation.file.example } : json === undefined ? undefined : { type: 'application/json', text: JSON.stringify(json) };
    const send = async (caller: Caller, path: Readonly<Record<string, string>>, extra: Record<string, string> = {}) => {
      const token = tokens[caller.name];
      const answer = await run.http.send({
        method: operation.method,
        path: pathOf(operation, path),
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': body.type }), ...extra },
        ...(body === undefined ? {} : { body: body.text }),
      });
      return { answer, appended: (await run.watermark?.advance(answer)) ?? 0 };
    };
    for (const caller of CALLERS) {
      const expected = expectedFor(operation, caller, run.world);
      const { answer, appended } = await send(caller, run.world.path);
      const shape = shapeOf(answer);
      let wrong: string | undefined;
      let note: string | undefined;
      let described = String(expected.is);
      if (answer.status >= 400 && appended > 0) wrong = `refused with ${answer.status} yet appended ${appended} event(s)`;
      else if (expected.is === 401) {
        if (shape.status !== 401 || shape.type !== UNAUTHENTICATED) wrong = `expected 401, got ${JSON.stringify(shape)}`;
      } else if (expected.is === 403) {
        if (shape.status !== 403 || shape.type !== FORBIDDEN) wrong = `expected 403 forbidden, got ${JSON.stringify(shape)}`;
      } else if (expected.is === 'not-the-lead') {
        if (shape.status !== 403 || shape.rule !== NOT_THE_LEAD) wrong = `expected 403 ${NOT_THE_LEAD}, got ${JSON.stringify(shape)}`;
      } else if (expected.is === 'as-unknown' || expected.is === 'not-the-owner') {
        const unknown = await send(caller, { ...run.world.path, [expected.parameter]: run.world.unknown[expected.parameter] as string });
        const unknownShape = shapeOf(unknown.answer);
        described = `${expected.is} ${expected.parameter}`;
        const same = JSON.stringify(shape) === JSON.stringify(unknownShape) && answer.status >= 400;
        const documentedRefusal = answer.status === 403 && typeof shape.rule === 'string' && (operation.rules['403'] ?? []).includes(shape.rule);
        if (answer.status < 400) wrong = `accepted (${answer.status})`;
        else if (!same && !(expected.is === 'not-the-owner' && documentedRefusal)) {
          wrong = `leaks existence: ${JSON.stringify(shape)} where an unknown ${expected.parameter} gets ${JSON.stringify(unknownShape)}`;
        } else if (!same) note = `refused by the rule ${String(shape.rule)}, where an unknown ${expected.parameter} gets ${unknownShape.status} ${String(unknownShape.rule ?? unknownShape.type)}`;
      } else if (answer.status === 401 || (answer.status === 403 && shape.type === FORBIDDEN) || answer.status >= 500) {
        wrong = `expected to reach the domain, got ${JSON.stringify(shape)}`;
      } else if (operation.pathParams.some((parameter) => parameter.name === 'projectId') && run.world.unknown['projectId']) {
        // Reaching the domain means the project was found: its answer is not the unknown project's.
        const unknown = shapeOf((await send(caller, { ...run.world.path, projectId: run.world.unknown['projectId'] })).answer);
        // Only the answer that says "no such project" counts: a refusal for something else (an
        // unknown text, say) may well read the same for an unknown project.
        const saysNoProject = unknown.status === 404 || (typeof unknown.rule === 'string' && (run.world.noSuchProject ?? []).includes(unknown.rule));
        if (saysNoProject && JSON.stringify(unknown) === JSON.stringify(shape)) wrong = `answered as if the project did not exist: ${JSON.stringify(shape)}`;
      }
      if (!wrong && typeof shape.rule === 'string' && !(operation.rules[String(answer.status)] ?? []).includes(shape.rule)) {
        wrong = `${answer.status} ${shape.rule}, a rule the operation does not document under ${answer.status}`;
      }
      cases.push({ operation: operation.name, caller: caller.name, expected: described, status: answer.status, ...(wrong ? { wrong } : {}), ...(note ? { note } : {}) });
      // If-Match is read before anything else is known: out of scope, it must not tell an existing stream from none either.
      if (expected.is === 'as-unknown' && operation.command) {
        for (const ifMatch of ['"0"', '"1"', '*']) {
          const headers = { 'if-match': ifMatch };
          const mine = await send(caller, run.world.path, headers);
          const none = await send(caller, { ...run.world.path, [expected.parameter]: run.world.unknown[expected.parameter] as string }, headers);
          const same = JSON.stringify(shapeOf(mine.answer)) === JSON.stringify(shapeOf(none.answer));
          const leak = !same ? `leaks existence with If-Match ${ifMatch}: ${JSON.stringify(shapeOf(mine.answer))} where an unknown ${expected.parameter} gets ${JSON.stringify(shapeOf(none.answer))}` : undefined;
          const appendedWrongly = mine.appended + none.appended > 0 ? `appended ${mine.appended + none.appended} event(s) with If-Match ${ifMatch}` : undefined;
          const wrongHere = leak ?? appendedWrongly;
          cases.push({ operation: operation.name, caller: caller.name, expected: `${described}, If-Match ${ifMatch}`, status: mine.answer.status, ...(wrongHere ? { wrong: wrongHere } : {}) });
        }
      }
    }
  }
  return cases;
}

/** The cases as lines for a test's output: how many, by status, and each wrong one. */
export function describeAccessCases(service: string, cases: readonly AccessCase[]): string {
  const byStatus: Record<number, number> = {};
  for (const accessCase of cases) byStatus[accessCase.status] = (byStatus[accessCase.status] ?? 0) + 1;
  const wrong = cases.filter((accessCase) => accessCase.wrong);
  const operations = new Set(cases.map((accessCase) => accessCase.operation)).size;
  return [
    `access matrix, ${service}: ${cases.length} cases (${operations} operations × ${CALLERS.length} callers, and If-Match variants out of scope); ${Object.entries(byStatus).map(([status, count]) => `${status} × ${count}`).join(', ')}; ${wrong.length} wrong`,
    ...wrong.map((accessCase) => `  WRONG ${accessCase.operation} as ${accessCase.caller}: ${accessCase.wrong}`),
    ...cases.filter((accessCase) => accessCase.note).map((accessCase) => `  note ${accessCase.operation} as ${accessCase.caller}: ${accessCase.note}`),
  ].join('\n');
}
