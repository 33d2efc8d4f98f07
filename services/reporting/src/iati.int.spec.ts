import { CommitmentRecorded, ContractSigned, ExpenditureReported, IndicatorDefined, ProjectRegistered, ResultSubmitted, TranchePaid, projectFundingStream, projectStream } from '@eutf/event-catalog';
import { mintDevelopmentToken, type Role } from '@eutf/identity';
import { validateIatiActivities } from '@eutf/testing';
import request from 'supertest';
import { eventually, reportingWithRecorderForSpec } from './test-support/reporting-with-recorder';

// The IATI files over HTTP, from events on real Kafka into reporting's read models on real MongoDB.
const reporting = reportingWithRecorderForSpec('iati');
const { run, projectsTopic, disbursementsTopic } = reporting;

/** Mali's project, implemented by IOM and GIZ, with a funding ledger; Niger's, known only from documents. */
const mali = `ML-IATI-${run}`;
const maliReference = `T05-EUTF-SAH-ML-IATI-${run}`;
const niger = `ne-iati-${run}`;

interface Caller {
  name: string;
  roles: Role[];
  country?: string;
  org?: string;
}
const CALLERS = {
  noToken: { name: 'no token', roles: [] },
  hqAnalyst: { name: 'hq-analyst', roles: ['hq-analyst'] },
  hqFinance: { name: 'hq-finance', roles: ['hq-finance'] },
  admin: { name: 'admin', roles: ['admin'] },
  officerML: { name: 'officer of ML', roles: ['delegation-officer'], country: 'ML' },
  officerNE: { name: 'officer of NE', roles: ['delegation-officer'], country: 'NE' },
  partnerIOM: { name: 'partner IOM', roles: ['implementing-partner'], org: 'IOM' },
  partnerGIZ: { name: 'partner GIZ', roles: ['implementing-partner'], org: 'GIZ' },
  partnerSAVE: { name: 'partner SAVE', roles: ['implementing-partner'], org: 'SAVE' },
} satisfies Record<string, Caller>;

async function get(path: string, caller: Caller) {
  const pending = request(reporting.app().getHttpServer()).get(path);
  if (caller.roles.length === 0) return pending;
  const bearer = await mintDevelopmentToken({ subject: `${caller.name.replace(/ /g, '-')}-iati`, roles: caller.roles, country: caller.country, org: caller.org }, process.env['EUTF_DEV_JWT_SECRET'] as string);
  return pending.set('Authorization', `Bearer ${bearer}`);
}

const identifiers = (xml: string) => [...xml.matchAll(/<iati-identifier>([^<]*)<\/iati-identifier>/g)].map((match) => match[1]);
const transactions = (xml: string) =>
  [...xml.matchAll(/<transaction-type code="(\d)"\/>\s*<transaction-date iso-date="([\d-]+)"\/>\s*<value currency="EUR" value-date="[\d-]+">([-\d.]+)<\/value>/g)].map((match) => match.slice(1).join(' '));

beforeAll(async () => {
  const maliStream = projectStream.id(mali);
  const nigerStream = projectStream.id(niger);
  await reporting.recorder().record(projectsTopic, [
    {
      streamId: maliStream,
      type: 'ProjectRegistered',
      data: { ...ProjectRegistered.example, projectId: mali, reference: maliReference, title: 'Reintegration & protection <Mali>', implementingPartners: ['IOM', 'GIZ'] },
    },
    { streamId: maliStream, type: 'ProjectImplementationStarted', data: { startedOn: '2017-04-01' } },
    { streamId: maliStream, type: 'IndicatorDefined', data: IndicatorDefined.example },
    {
      streamId: maliStream,
      type: 'ResultSubmitted',
      data: { ...ResultSubmitted.example, resultId: 'approved-2017-h1', period: { from: '2017-04-01', to: '2017-06-30' }, value: 1_000 },
    },
    { streamId: maliStream, type: 'ResultApproved', data: { resultId: 'approved-2017-h1' } },
    { streamId: maliStream, type: 'ResultSubmitted', data: { ...ResultSubmitted.example, resultId: 'pending-2017-h2', period: { from: '2017-07-01', to: '2017-12-31' }, value: 424_242, disaggregation: [] } },
    {
      streamId: nigerStream,
      type: 'ProjectRegistered',
      data: { ...ProjectRegistered.example, projectId: niger, reference: null, title: 'Niger action known from documents', window: null, countries: ['NE'], implementingPartners: ['GIZ'], euContributionCents: null, adoptedOn: null, startDate: null, endDate: null },
    },
  ]);
  const funding = projectFundingStream.id(mali);
  await reporting.recorder().record(disbursementsTopic, [
    { streamId: funding, type: 'CommitmentRecorded', data: { ...CommitmentRecorded.example, amountCents: 90_000_000_00, decidedOn: '2017-04-12' } },
    { streamId: funding, type: 'ContractSigned', data: { ...ContractSigned.example, contractId: 'iom-1', partnerOrg: 'IOM', amountCents: 40_000_000_00 } },
    { streamId: funding, type: 'ContractSigned', data: { ...ContractSigned.example, contractId: 'giz-1', partnerOrg: 'GIZ', amountCents: 10_000_000_00 } },
    { streamId: funding, type: 'TranchePaid', data: { ...TranchePaid.example, contractId: 'iom-1', trancheId: 'iom-t1', amountCents: 12_345_678_91, valueDate: '2017-09-15' } },
    { streamId: funding, type: 'TranchePaid', data: { ...TranchePaid.example, contractId: 'giz-1', trancheId: 'giz-t1', amountCents: 1_00, valueDate: '2017-10-01' } },
    { streamId: funding, type: 'ExpenditureReported', data: { ...ExpenditureReported.example, contractId: 'iom-1', amountCents: 2_500_000_05 } },
  ]);
  await eventually(
    'both projects and the ledger in the read models',
    async () => [(await get(`/reports/countries/ML/iati`, CALLERS.hqAnalyst)).text, (await get(`/reports/countries/NE/iati`, CALLERS.hqAnalyst)).status] as const,
    ([maliFile, nigerStatus]) => transactions(maliFile).length === 4 && nigerStatus === 200,
  );
}, 60_000);

describe('the IATI 2.03 activity files', () => {
  it('answers a project as XML that validates against the official IATI 2.03 XSD: the ledger as transactions 2, 3 and 4, approved results only', async () => {
    const response = await get(`/reports/projects/${mali}/iati`, CALLERS.hqAnalyst);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(await validateIatiActivities(response.text)).toEqual({ valid: true, errors: [] });
    expect(identifiers(response.text)).toEqual([`XI-IATI-EC_INTPA-${maliReference}`]);
    expect(response.text).toContain(`<other-identifier ref="${mali}" type="A1"/>`);
    expect(response.text).toContain('<narrative>Reintegration &amp; protection &lt;Mali&gt;</narrative>');
    expect(response.text).toContain('<activity-status code="2"/>');
    expect(transactions(response.text)).toEqual(['2 2017-04-12 90000000.00', '3 2017-09-15 12345678.91', '3 2017-10-01 1.00', '4 2017-12-31 2500000.05']);
    expect(response.text).toMatch(/<period-start iso-date="2017-04-01"\/>\s*<period-end iso-date="2017-06-30"\/>\s*<actual value="1000"\/>\s*<actual value="150">\s*<dimension name="sex" value="female"\/>/);
    expect(response.text).not.toContain('424242');
  });

  it("answers a country's projects as one file that validates, a project known only from documents included", async () => {
    const maliFile = await get('/reports/countries/ML/iati', CALLERS.hqAnalyst);
    expect([maliFile.status, identifiers(maliFile.text)]).toEqual([200, [`XI-IATI-EC_INTPA-${maliReference}`]]);
    expect(await validateIatiActivities(maliFile.text)).toEqual({ valid: true, errors: [] });
    const nigerFile = await get('/reports/countries/NE/iati', CALLERS.hqAnalyst);
    expect([nigerFile.status, identifiers(nigerFile.text)]).toEqual([200, [`XI-IATI-EC_INTPA-${niger}`]]);
    expect(await validateIatiActivities(nigerFile.text)).toEqual({ valid: true, errors: [] });
    expect(nigerFile.text).toContain('<activity-status code="1"/>');
    expect(nigerFile.text).not.toContain('<budget');
  });

  it('answers every route exactly per role: headquarters everything, an officer their country, a partner its own projects; every file it serves validates', async () => {
    const { noToken, hqAnalyst, hqFinance, admin, officerML, officerNE, partnerIOM, partnerGIZ, partnerSAVE } = CALLERS;
    const expected: Array<[string, Caller, number, string[]]> = [
      // One project: out of scope answers as an unknown project.
      [`/reports/projects/${mali}/iati`, noToken, 401, []],
      ...[hqAnalyst, hqFinance, admin, officerML, partnerIOM, partnerGIZ].map((caller): [string, Caller, number, string[]] => [`/reports/projects/${mali}/iati`, caller, 200, [maliReference]]),
      [`/reports/projects/${mali}/iati`, officerNE, 404, []],
      [`/reports/projects/${mali}/iati`, partnerSAVE, 404, []],
      [`/reports/projects/${niger}/iati`, officerNE, 200, [niger]],
      [`/reports/projects/${niger}/iati`, officerML, 404, []],
      [`/reports/projects/${niger}/iati`, partnerIOM, 404, []],
      [`/reports/projects/${niger}/iati`, partnerGIZ, 200, [niger]],
      [`/reports/projects/ml-iati-nothing-${run}/iati`, hqAnalyst, 404, []],
      // A country: another country's officer is refused; a partner reads its own projects there, and a country where it has none answers 404.
      ['/reports/countries/ML/iati', noToken, 401, []],
      ...[hqAnalyst, hqFinance, admin, officerML, partnerIOM].map((caller): [string, Caller, number, string[]] => ['/reports/countries/ML/iati', caller, 200, [maliReference]]),
      ['/reports/countries/ML/iati', officerNE, 403, []],
      ['/reports/countries/ML/iati', partnerSAVE, 404, []],
      ['/reports/countries/NE/iati', officerNE, 200, [niger]],
      ['/reports/countries/NE/iati', officerML, 403, []],
      ['/reports/countries/NE/iati', partnerIOM, 404, []],
      ['/reports/countries/NE/iati', partnerGIZ, 200, [niger]],
    ];
    const answers = [];
    for (const [path, caller] of expected) {
      const response = await get(path, caller);
      const validation = response.status === 200 ? await validateIatiActivities(response.text) : null;
      answers.push([path, caller, response.status, identifiers(response.text).map((id) => id?.replace('XI-IATI-EC_INTPA-', '')), ...(validation && !validation.valid ? [validation.errors] : [])]);
    }
    expect(answers).toEqual(expected);
  }, 60_000);

  it("gives a partner only its own contracts' money, and headquarters and the officer the whole ledger", async () => {
    const whole = ['2 2017-04-12 90000000.00', '3 2017-09-15 12345678.91', '3 2017-10-01 1.00', '4 2017-12-31 2500000.05'];
    expect(transactions((await get(`/reports/projects/${mali}/iati`, CALLERS.officerML)).text)).toEqual(whole);
    expect(transactions((await get(`/reports/projects/${mali}/iati`, CALLERS.partnerIOM)).text)).toEqual(['3 2017-09-15 12345678.91', '4 2017-12-31 2500000.05']);
    expect(transactions((await get('/reports/countries/ML/iati', CALLERS.partnerGIZ)).text)).toEqual(['3 2017-10-01 1.00']);
  });

  it('opens in a browser through a report link, as the role that asked for it', async () => {
    const bearer = await mintDevelopmentToken({ subject: 'officer-ML-iati-link', roles: ['delegation-officer'], country: 'ML' }, process.env['EUTF_DEV_JWT_SECRET'] as string);
    const link = await request(reporting.app().getHttpServer()).post('/report-links').set('Authorization', `Bearer ${bearer}`).send({ path: '/reports/countries/ML/iati' });
    expect(link.status).toBe(200);
    // The link may be absolute (the service's public address): open its path and query here.
    const target = new URL(link.body.url as string, 'http://reporting.invalid');
    const opened = await request(reporting.app().getHttpServer()).get(`${target.pathname}${target.search}`);
    expect([opened.status, identifiers(opened.text)]).toEqual([200, [`XI-IATI-EC_INTPA-${maliReference}`]]);
  });

  it('answers a malformed country 400 naming it', async () => {
    const response = await get('/reports/countries/mali/iati', CALLERS.hqAnalyst);
    expect([response.status, response.body.errors[0].field]).toEqual([400, 'params']);
  });
});
