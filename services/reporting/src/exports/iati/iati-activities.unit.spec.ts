import { ProjectRegistered } from '@eutf/event-catalog';
import { validateIatiActivities } from '@eutf/testing';
import type { FinanceDoc } from '../../read-models/finance.projection';
import type { ProjectRegisterDoc, ResultView } from '../../read-models/project-register.projection';
import { buildIatiActivities, decimalEuros, iatiIdentifierOf, type IatiActivitySource } from './iati-activities';
import { escapeAttribute, escapeText } from './xml';

const GENERATED = '2026-12-04T19:00:00.000Z';

const result = (resultId: string, status: ResultView['status'], overrides: Partial<ResultView> = {}): ResultView => ({
  resultId,
  indicatorId: 'returns',
  period: { from: '2017-01-01', to: '2017-06-30' },
  value: 1_000,
  valueQualifier: null,
  disaggregation: [],
  reportingOrg: 'IOM',
  status,
  returnReason: null,
  submittedAt: '2017-07-01T10:00:00.000Z',
  decidedAt: '2017-07-02T10:00:00.000Z',
  ...overrides,
});

/** A rich project: a title to escape, two partners, objectives of every list, dated, with indicators and results in every state. */
const rich: ProjectRegisterDoc = {
  ...ProjectRegistered.example,
  title: 'Returns & reintegration <Mali> "phase 2"',
  implementingPartners: ['IOM', 'GIZ'],
  countries: ['ML', 'NE'],
  euContributionCents: 9_000_000_000,
  startDate: '2017-04-01',
  endDate: '2020-03-31',
  objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [3] },
  status: 'implementation',
  registeredAt: '2017-03-01T09:00:00.000Z',
  milestones: [],
  indicators: [
    { indicatorId: 'returns', title: 'Malians assisted to return voluntarily', eutfIndicator: { code: '3.4', catalogueVersion: '2021' }, unit: 'people', baseline: 0, target: 20_000, measurement: 'cumulative', disaggregation: ['sex', 'age-band'] },
    { indicatorId: 'staff', title: 'Staff trained', eutfIndicator: null, unit: 'people', baseline: null, target: null, measurement: 'per-period', disaggregation: [] },
  ],
  results: [
    result('returns-2017-h1', 'approved', {
      valueQualifier: 'more-than',
      disaggregation: [
        { dimension: 'sex', category: 'female', value: 150 },
        { dimension: 'sex', category: 'male', value: 850 },
        { dimension: 'age-band', category: '0-17', value: 100 },
        { dimension: 'age-band', category: '18-34', value: 900 },
      ],
    }),
    result('returns-since-start', 'approved', { period: { from: null, to: '2018-12-31' }, value: 4_000 }),
    result('returns-2018-h1', 'pending-approval', { period: { from: '2018-01-01', to: '2018-06-30' }, value: 777_777 }),
    result('returns-2018-h2', 'returned-for-revision', { period: { from: '2018-07-01', to: '2018-12-31' }, value: 888_888 }),
  ],
  lockedPeriods: [],
};

const funding: FinanceDoc = {
  projectId: rich.projectId,
  reference: rich.reference,
  title: rich.title,
  window: rich.window,
  countries: rich.countries,
  implementingPartners: rich.implementingPartners,
  committedCents: 9_000_000_000,
  contracts: [],
  tranches: [],
  transactions: [
    { key: 'c1', iatiTransactionType: 2, amountCents: 9_000_000_000, date: '2017-04-12', contractId: null, partnerOrg: null },
    { key: 'p1', iatiTransactionType: 3, amountCents: 123_456_789, date: '2017-06-01', contractId: 'iom-1', partnerOrg: 'IOM' },
    { key: 'r1', iatiTransactionType: 3, amountCents: -5, date: '2017-09-01', contractId: 'iom-1', partnerOrg: 'IOM' },
    { key: 'e1', iatiTransactionType: 4, amountCents: 1, date: '2017-12-31', contractId: 'iom-1', partnerOrg: 'IOM' },
  ],
};

/** A project known only from documents: no reference, window, amount, partner, objective or date. */
const bare: ProjectRegisterDoc = {
  ...ProjectRegistered.example,
  projectId: 'ml-eu-iom-joint-initiative',
  reference: null,
  window: null,
  implementingPartners: [],
  euContributionCents: null,
  adoptedOn: null,
  startDate: null,
  endDate: null,
  objectives: { eutfStrategicObjectives: [], vallettaDomains: [], gcmObjectives: [], ponamAxes: [] },
  status: 'pipeline',
  registeredAt: '2024-05-06T07:08:09.000Z',
  milestones: [],
  indicators: [{ indicatorId: 'sensitised', title: 'People sensitised', eutfIndicator: { code: '2.7', catalogueVersion: '2021' }, unit: 'people', baseline: 0, target: 70_000, measurement: 'cumulative', disaggregation: [] }],
  results: [result('since-start', 'approved', { indicatorId: 'sensitised', period: { from: null, to: '2020-10-31' }, value: 70_000 })],
  lockedPeriods: [],
};

const sources: IatiActivitySource[] = [
  { project: rich, funding },
  { project: bare, funding: undefined },
];

describe('the IATI 2.03 activity file', () => {
  it('validates against the official IATI 2.03 XSD, for a rich project and one known only from documents', async () => {
    const xml = buildIatiActivities(sources, GENERATED);
    expect(await validateIatiActivities(xml)).toEqual({ valid: true, errors: [] });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2026-12-04T19:00:00.000Z">')).toBe(true);
  });

  it('identifies each activity by the EU reporting organisation and the EUTF reference, or the provisional id until one is assigned', () => {
    const xml = buildIatiActivities(sources, GENERATED);
    expect(xml).toContain('<iati-identifier>XI-IATI-EC_INTPA-T05-EUTF-SAH-ML-07</iati-identifier>');
    expect(xml).toContain('<iati-identifier>XI-IATI-EC_INTPA-ml-eu-iom-joint-initiative</iati-identifier>');
    expect(iatiIdentifierOf({ reference: null, projectId: 'ly-eutf-package' })).toBe('XI-IATI-EC_INTPA-ly-eutf-package');
    expect(xml).toContain('<reporting-org ref="XI-IATI-EC_INTPA" type="15">');
  });

  it('gives the organisations their roles, the status, countries, objectives, budget and the ledger as transactions 2, 3 and 4 in exact euros', () => {
    const xml = buildIatiActivities([{ project: rich, funding }], GENERATED);
    expect(xml).toContain('<participating-org ref="XI-IATI-EC_INTPA" type="15" role="1">');
    expect(xml).toContain('<participating-org ref="XI-IATI-EC_INTPA" type="15" role="3">');
    expect(xml).toContain('<participating-org role="4">\n      <narrative>IOM</narrative>');
    expect(xml).toContain('<participating-org role="4">\n      <narrative>GIZ</narrative>');
    expect(xml).toContain('<activity-status code="2"/>');
    expect(xml).toContain('<activity-date type="1" iso-date="2017-04-01"/>');
    expect(xml).toContain('<activity-date type="3" iso-date="2020-03-31"/>');
    expect(xml).toContain('<recipient-country code="ML"/>');
    expect(xml).toContain('<recipient-country code="NE"/>');
    expect(xml).toContain('<tag vocabulary="99" code="EUTF-SO-3">');
    expect(xml).toContain('<tag vocabulary="99" code="JVAP-5">');
    expect(xml).toContain('<tag vocabulary="99" code="GCM-21">');
    expect(xml).toContain('<tag vocabulary="99" code="PONAM-3">');
    expect(xml).toContain('<value currency="EUR" value-date="2017-04-01">90000000.00</value>');
    const transactions = [...xml.matchAll(/<transaction-type code="(\d)"\/>\s*<transaction-date iso-date="([\d-]+)"\/>\s*<value currency="EUR" value-date="[\d-]+">([-\d.]+)<\/value>/g)].map((match) => match.slice(1));
    expect(transactions).toEqual([
      ['2', '2017-04-12', '90000000.00'],
      ['3', '2017-06-01', '1234567.89'],
      ['3', '2017-09-01', '-0.05'],
      ['4', '2017-12-31', '0.01'],
    ]);
    expect(xml).toMatch(/<receiver-org>\s*<narrative>IOM<\/narrative>/);
  });

  it('converts euro cents to decimal euros exactly, never through a float', () => {
    expect(decimalEuros(9_000_000_000)).toBe('90000000.00');
    expect(decimalEuros(280_000_000_000)).toBe('2800000000.00');
    expect(decimalEuros(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(decimalEuros(10)).toBe('0.10');
    expect(decimalEuros(7)).toBe('0.07');
    expect(decimalEuros(0)).toBe('0.00');
    expect(decimalEuros(-123_45)).toBe('-123.45');
    expect(() => decimalEuros(1.5)).toThrow(/whole number of euro cents/);
  });

  it('reports only approved results, with their periods, the target, the baseline, qualifiers and dimensions', () => {
    const xml = buildIatiActivities([{ project: rich, funding: undefined }], GENERATED);
    expect(xml).not.toContain('777777');
    expect(xml).not.toContain('888888');
    expect(xml).toContain('<reference vocabulary="99" code="3.4"/>');
    expect(xml).toContain('<baseline year="2017" iso-date="2017-04-01" value="0"/>');
    // The target is the project's, over its life.
    expect(xml).toMatch(/<period-start iso-date="2017-04-01"\/>\s*<period-end iso-date="2020-03-31"\/>\s*<target value="20000">/);
    expect(xml).toMatch(/<period-start iso-date="2017-01-01"\/>\s*<period-end iso-date="2017-06-30"\/>\s*<actual value="1000">\s*<comment>\s*<narrative>More than this value/);
    for (const [name, value, count] of [['sex', 'female', 150], ['sex', 'male', 850], ['age-band', '0-17', 100], ['age-band', '18-34', 900]] as const) {
      expect(xml).toMatch(new RegExp(`<actual value="${count}">\\s*<dimension name="${name}" value="${value}"/>`));
    }
    // A running total since the project began starts on the project's start.
    expect(xml).toMatch(/<period-start iso-date="2017-04-01"\/>\s*<period-end iso-date="2018-12-31"\/>\s*<actual value="4000">\s*<comment>\s*<narrative>A running total since the project began<\/narrative>/);
  });

  it('leaves out what is not known, and says where the schema made it write a date', async () => {
    const xml = buildIatiActivities([{ project: bare, funding: undefined }], GENERATED);
    expect(xml).not.toContain('<budget');
    expect(xml).not.toContain('<transaction');
    expect(xml).not.toContain('<participating-org role="4"');
    expect(xml).not.toContain('<tag');
    expect(xml).not.toContain('<other-identifier');
    expect(xml).toContain('<activity-status code="1"/>');
    // No start known: the earliest date the register holds, and what it is.
    expect(xml).toMatch(/<activity-date type="1" iso-date="2020-10-31">\s*<narrative>No start date is known: 2020-10-31 is the earliest date EUTF monitoring holds of this action, the end of a period it reported on<\/narrative>/);
    // A running total with no known start is the total on its last day; the project's target goes with the last reported period.
    expect(xml).toMatch(
      /<period-start iso-date="2020-10-31"\/>\s*<period-end iso-date="2020-10-31"\/>\s*<target value="70000">[\s\S]*?<\/target>\s*<actual value="70000">\s*<comment>\s*<narrative>A running total since the project began \(its start is not known\), on 2020-10-31<\/narrative>/,
    );
    expect(xml).not.toContain('<baseline');
    // With nothing dated but its registration, that day, said as such.
    const undated = buildIatiActivities([{ project: { ...bare, results: [] }, funding: undefined }], GENERATED);
    expect(undated).toMatch(/<activity-date type="1" iso-date="2024-05-06">\s*<narrative>No start date is known: 2024-05-06 is the earliest date EUTF monitoring holds of this action, its registration in EUTF monitoring<\/narrative>/);
    expect(await validateIatiActivities(undated)).toEqual({ valid: true, errors: [] });
  });

  it('gives a date known to the month as its first or last day, and says so', async () => {
    const xml = buildIatiActivities([{ project: { ...bare, startDate: '2017-05', endDate: '2020' }, funding: undefined }], GENERATED);
    expect(xml).toMatch(/<activity-date type="1" iso-date="2017-05-01">\s*<narrative>2017-05: the source gives the month only/);
    expect(xml).toMatch(/<activity-date type="3" iso-date="2020-12-31">\s*<narrative>2020: the source gives the year only/);
    expect(xml).toMatch(/<period-start iso-date="2017-05-01"\/>\s*<period-end iso-date="2020-12-31"\/>\s*<target value="70000">/);
    expect(await validateIatiActivities(xml)).toEqual({ valid: true, errors: [] });
  });

  it('escapes <, & and " in titles and attributes, so that no text can break or add to the document', async () => {
    const title = 'Returns & reintegration <Mali> "phase 2"';
    const partner = 'A&B "<x/>"';
    const xml = buildIatiActivities([{ project: { ...rich, title, implementingPartners: [partner] }, funding: undefined }], GENERATED);
    expect(xml).toContain('<narrative>Returns &amp; reintegration &lt;Mali&gt; "phase 2"</narrative>');
    expect(xml).toContain('<narrative>A&amp;B "&lt;x/&gt;"</narrative>');
    expect(escapeAttribute('a"b<c&d\'e\nf')).toBe('a&quot;b&lt;c&amp;d&apos;e&#10;f');
    // What XML cannot hold at all (a NUL, a lone surrogate) is replaced, not escaped; a pair stays whole.
    expect(escapeText('nul\u0000 here, lone \uD800, pair \uD83D\uDE00')).toBe('nul\uFFFD here, lone \uFFFD, pair \uD83D\uDE00');
    expect(await validateIatiActivities(xml)).toEqual({ valid: true, errors: [] });
  });

  it('holds at least one activity: the schema allows no empty file', () => {
    expect(() => buildIatiActivities([], GENERATED)).toThrow(/at least one activity/);
  });
});

describe('validating against the IATI 2.03 XSD', () => {
  const valid = buildIatiActivities([{ project: rich, funding }], GENERATED);

  it('fails a file whose activity has no iati-identifier, naming the element', async () => {
    const broken = valid.replace(/<iati-identifier>[^<]*<\/iati-identifier>\n\s*/, '');
    const validation = await validateIatiActivities(broken);
    expect(validation.valid).toBe(false);
    expect(validation.errors.join('\n')).toMatch(/reporting-org.*This element is not expected\. Expected is \( iati-identifier \)/);
  });

  it('fails a file whose elements are out of order, naming them', async () => {
    const status = /\s*<activity-status code="2"\/>/.exec(valid)?.[0] ?? '';
    const broken = valid.replace(status, '').replace('<title>', `${status.trim()}\n    <title>`);
    const validation = await validateIatiActivities(broken);
    expect(validation.valid).toBe(false);
    expect(validation.errors.join('\n')).toMatch(/activity-status.*This element is not expected/);
  });

  it('fails a transaction value that is not a decimal', async () => {
    const validation = await validateIatiActivities(valid.replace('>90000000.00<', '>90,000,000.00<'));
    expect(validation.valid).toBe(false);
    expect(validation.errors.join('\n')).toMatch(/value.*not a valid value of the atomic type 'xs:decimal'/);
  });
});
