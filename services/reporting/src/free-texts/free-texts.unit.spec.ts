import { IndicatorDefined, ProjectRegistered } from '@eutf/event-catalog';
import { buildCountryFactsheet } from '../factsheet/country-factsheet';
import { renderFactsheetHtml, renderResultsCsv } from '../factsheet/country-factsheet.render';
import type { ProjectRegisterDoc, ResultView } from '../read-models/project-register.projection';
import { textIdsToResolve, textsOf, textsUnavailable, withTexts } from './free-texts';

const KEPT = '11111111-1111-4111-8111-111111111111';
const ERASED_IN_STORE = '22222222-2222-4222-8222-222222222222';
const ERASED_IN_READ_MODEL = '33333333-3333-4333-8333-333333333333';

const returned = (resultId: string, returnReason: ResultView['returnReason'], from: string): ResultView => ({
  resultId,
  indicatorId: IndicatorDefined.example.indicatorId,
  period: { from, to: from.replace(/-01$/, '-28') },
  value: 10,
  valueQualifier: null,
  reportingOrg: 'IOM',
  disaggregation: [],
  status: 'returned-for-revision',
  returnReason,
  submittedAt: '2017-07-01T00:00:00.000Z',
  decidedAt: '2017-07-02T00:00:00.000Z',
});

const project: ProjectRegisterDoc = {
  ...ProjectRegistered.example,
  status: 'implementation',
  registeredAt: '2017-03-01T00:00:00.000Z',
  milestones: [{ milestoneId: 'm1', title: 'Centre open', dueDate: '2017-12-31', status: 'delayed', reachedOn: null, delayReasons: [{ textId: KEPT }, { legacyText: 'Late handover' }] }],
  indicators: [IndicatorDefined.example],
  results: [
    returned('a', { textId: KEPT }, '2017-01-01'),
    returned('b', { textId: ERASED_IN_STORE }, '2017-02-01'),
    returned('c', { textId: ERASED_IN_READ_MODEL }, '2017-03-01'),
  ],
  lockedPeriods: [],
  erasedTexts: [ERASED_IN_READ_MODEL],
};

/** What the projects service answers: the kept text, and the erased one without its text. */
const store = new Map([
  [KEPT, { text: 'Please add the age bands', erasedAt: null }],
  [ERASED_IN_STORE, { text: null, erasedAt: '2019-02-01T10:00:00.000Z' }],
]);

describe('free texts in reports', () => {
  it('asks the store only for the texts the read model does not know to be erased', () => {
    expect(textIdsToResolve([project]).sort()).toEqual([KEPT, ERASED_IN_STORE]);
  });

  it('shows a text the store has, and an "erased" marker with no text where an admin erased one', () => {
    const shown = withTexts(project, textsOf([project], store));
    expect(shown.results.map((result) => result.returnReason)).toEqual([
      { textId: KEPT, status: 'shown', text: 'Please add the age bands' },
      { textId: ERASED_IN_STORE, status: 'erased', text: null },
      { textId: ERASED_IN_READ_MODEL, status: 'erased', text: null },
    ]);
    expect(shown.milestones[0]?.delayReasons).toEqual([
      { textId: KEPT, status: 'shown', text: 'Please add the age bands' },
      // An older event's inline text: shown, with no id, as nothing can erase it.
      { textId: null, status: 'shown', text: 'Late handover' },
    ]);
    expect(shown).not.toHaveProperty('erasedTexts');
  });

  it('still computes every format of the factsheet, with the marker where the text was', () => {
    const factsheet = buildCountryFactsheet('ML', { from: '2016-06-01', to: '2018-06-30' }, undefined, [project], [], undefined, textsOf([project], store));
    expect(factsheet.results.returnedForRevision.map((line) => line.returnReason?.status)).toEqual(['shown', 'erased', 'erased']);
    const html = renderFactsheetHtml(factsheet);
    expect(html).toContain('Please add the age bands');
    expect(html.match(/<span class="none">erased<\/span>/g)).toHaveLength(2);
    const csv = renderResultsCsv(factsheet).split('\r\n');
    expect(csv[0]).toMatch(/,return_reason,return_reason_status$/);
    expect(csv.filter((line) => line.endsWith(',erased'))).toHaveLength(2);
    expect(csv.filter((line) => line.endsWith(',Please add the age bands,shown'))).toHaveLength(1);
  });

  it('still computes when the store cannot be asked: references "unavailable", known erasures erased', () => {
    const factsheet = buildCountryFactsheet('ML', { from: '2016-06-01', to: '2018-06-30' }, undefined, [project], [], undefined, textsOf([project], undefined));
    expect(factsheet.results.returnedForRevision.map((line) => line.returnReason?.status)).toEqual(['unavailable', 'unavailable', 'erased']);
    expect(renderFactsheetHtml(factsheet)).toContain('not available');
    expect(textsUnavailable({ legacyText: 'x' })).toEqual({ textId: null, status: 'shown', text: 'x' });
  });
});
