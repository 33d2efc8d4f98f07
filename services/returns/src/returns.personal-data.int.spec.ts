import { Pool } from 'pg';
import { capturedLogs } from './test-support/captured-logs';
import { PersonalDataGenerator, leafPaths, objectPaths, setAt } from './test-support/personal-data.generator';
import { partner, returnsAppForSpec } from './test-support/returns-app';

const service = returnsAppForSpec('personal', { logLevel: 'debug' });
const logs = capturedLogs();
const PROJECT = 'ml-eu-iom-joint-initiative';
const SEED = Number(process.env['EUTF_TEST_SEED'] ?? 20_170_518);
const BODIES = 2_000;

/** A valid body per route, with fresh ids and dates spread over months so that most are recorded. */
const validBodies = (n: number, generator: PersonalDataGenerator): Array<{ path: string; body: Record<string, unknown> }> => {
  const month = `20${10 + (n % 10)}-${String(1 + (n % 12)).padStart(2, '0')}`;
  const host = generator.pick(['LY', 'NE', 'DZ', 'MA']);
  return [
    {
      path: `/returns/projects/${PROJECT}/operations`,
      body: {
        operationId: `op-${n}`,
        kind: 'assisted-voluntary-return',
        hostCountry: host,
        countryOfOrigin: 'ML',
        departedOn: `${month}-15`,
        departed: [{ sex: 'female', ageBand: '25-34', count: 1 + generator.int(50) }, { sex: 'male', ageBand: 'under-18', count: 3 }],
        vulnerabilities: { unaccompaniedMinors: 1, victimsOfTrafficking: 0, medicalCases: 1 },
      },
    },
    { path: `/returns/projects/${PROJECT}/arrivals`, body: { operationId: `op-${n - 1}`, arrivedOn: `${month}-20`, arrived: 1 } },
    { path: `/returns/projects/${PROJECT}/cancellations`, body: { operationId: `op-${n - 2}`, cancelledOn: `${month}-14`, reason: 'transport' } },
    {
      path: `/returns/projects/${PROJECT}/period-reports`,
      body: { reportId: `rep-${n}`, hostCountry: 'SN', countryOfOrigin: 'GM', period: { from: month, to: month }, count: 10, valueQualifier: 'around', breakdown: [], source: null },
    },
    {
      path: `/reintegration/projects/${PROJECT}/cases`,
      body: { cases: [{ caseId: `case-${n}`, countryOfReturn: 'ML', regionOfReturn: 'ML-4', sex: 'male', ageBand: '18-24', registeredOn: `${month}-01` }] },
    },
    { path: `/reintegration/projects/${PROJECT}/plan-approvals`, body: { caseId: `case-${n - 1}`, areas: ['social'], level: 'community', approvedOn: `${month}-02` } },
    { path: `/reintegration/projects/${PROJECT}/assistance-deliveries`, body: { caseId: `case-${n - 2}`, assistanceId: `a-${n}`, kind: 'in-kind', deliveredOn: `${month}-03`, valueCents: 12_500 } },
    { path: `/reintegration/projects/${PROJECT}/completions`, body: { caseId: `case-${n - 3}`, completedOn: `${month}-04` } },
    { path: `/reintegration/projects/${PROJECT}/abandonments`, body: { caseId: `case-${n - 4}`, abandonedOn: `${month}-05` } },
    {
      path: `/reintegration/projects/${PROJECT}/period-reports`,
      body: { reportId: `rrep-${n}`, countryOfReturn: 'NE', stage: generator.pick(['started', 'completed', 'abandoned']), period: { from: month, to: month }, count: 7, valueQualifier: 'exact', source: null },
    },
  ];
};

/** Where partners' own ids go: a name or a document number in them may be accepted, but is stored only hashed. */
const ID_FIELDS = ['operationId', 'reportId', 'caseId', 'assistanceId'];

function mutate(body: Record<string, unknown>, generator: PersonalDataGenerator): Record<string, unknown> {
  const copy = structuredClone(body);
  const mutations = 1 + generator.int(3);
  for (let i = 0; i < mutations; i += 1) {
    const choice = generator.int(3);
    if (choice === 0) {
      // An id field, where the text fits the id's characters half the time.
      const ids = leafPaths(copy).filter((path) => ID_FIELDS.includes(String(path[path.length - 1])));
      if (ids.length > 0) setAt(copy, generator.pick(ids), generator.personal());
    } else if (choice === 1) {
      setAt(copy, generator.pick(leafPaths(copy)), generator.personal());
    } else {
      const at = generator.pick(objectPaths(copy));
      const target = at.length === 0 ? copy : (at.reduce<unknown>((cursor, step) => (cursor as Record<string | number, unknown>)[step], copy) as Record<string, unknown>);
      if (!Array.isArray(target)) target[generator.unknownField()] = generator.personal();
    }
  }
  return copy;
}

describe('no name, document number or phone number reaches an event, the view or a log', () => {
  beforeAll(async () => {
    await service.projectSeen(PROJECT, ['IOM']);
  });

  it(`refuses or stores without it every one of ${BODIES} generated bodies (seed ${SEED})`, async () => {
    const generator = new PersonalDataGenerator(SEED);
    const token = await partner('IOM');
    const statuses = new Map<number, number>();
    let recordedWithPersonalText = 0;
    for (let n = 0; statuses.size === 0 || [...statuses.values()].reduce((a, b) => a + b, 0) < BODIES; n += 1) {
      for (const { path, body } of validBodies(n, generator)) {
        // Most bodies carry something personal; some are left as they are, so that records exist to follow up.
        const before = generator.produced.length;
        const sent = generator.chance(0.8) ? mutate(body, generator) : body;
        const response = await service.post(path, token, sent);
        if (response.status < 300 && generator.produced.length > before) recordedWithPersonalText += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }
    // Nothing failed on our side, and both the refusals and the records are there.
    expect([...statuses.keys()].every((status) => [200, 201, 400, 409, 422].includes(status))).toBe(true);
    expect((statuses.get(201) ?? 0) + (statuses.get(200) ?? 0)).toBeGreaterThan(BODIES / 10);
    expect(statuses.get(400)).toBeGreaterThan(BODIES / 10);
    // Some were recorded with a name or a number in a partner's id: the search below is what proves them hashed.
    expect(recordedWithPersonalText).toBeGreaterThan(10);

    const events = await service.allEvents();
    expect(events.length).toBeGreaterThan(BODIES / 10);
    const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
    const stored: string[] = [];
    try {
      const tables = await pool.query<{ table_schema: string; table_name: string }>(
        'SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY($1::text[])',
        [service.schemas],
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['events', 'projects_view']));
      for (const { table_schema, table_name } of tables.rows) {
        const rows = await pool.query<{ row: string }>(`SELECT t::text AS row FROM "${table_schema}"."${table_name}" t`);
        stored.push(...rows.rows.map((row) => row.row));
      }
    } finally {
      await pool.end();
    }
    const everything = { events: JSON.stringify(events, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)), tables: stored.join('\n'), logs: logs.text() };
    expect(everything.logs).toContain('request completed');
    const found = generator.produced.flatMap((text) => Object.entries(everything).filter(([, haystack]) => haystack.includes(text)).map(([where]) => `${where}: ${text}`));
    expect(found).toEqual([]);
  }, 300_000);
});
