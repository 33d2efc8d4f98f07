import { ProjectRegistered } from '@eutf/event-catalog';
import type { Principal } from '@eutf/identity';
import type { ProjectRegisterDoc, ResultView } from '../read-models/project-register.projection';
import { projectAsSeenBy } from './project-visibility';

const result = (resultId: string, reportingOrg: string | null, status: ResultView['status']): ResultView => ({
  resultId,
  indicatorId: 'returns',
  period: { from: '2017-01-01', to: '2017-06-30' },
  value: 100,
  valueQualifier: null,
  disaggregation: [],
  reportingOrg,
  status,
  returnReason: status === 'returned-for-revision' ? { textId: '33333333-3333-4333-8333-333333333333' } : null,
  submittedAt: '2017-07-01T10:00:00.000Z',
  decidedAt: null,
});
const project: ProjectRegisterDoc = {
  ...ProjectRegistered.example,
  implementingPartners: ['IOM', 'GIZ'],
  status: 'implementation',
  registeredAt: '2017-04-01T09:00:00.000Z',
  milestones: [],
  indicators: [],
  lockedPeriods: [],
  results: [result('iom-pending', 'IOM', 'pending-approval'), result('giz-returned', 'GIZ', 'returned-for-revision'), result('giz-approved', 'GIZ', 'approved'), result('legacy', null, 'pending-approval')],
};
const ids = (doc: ProjectRegisterDoc) => doc.results.map((entry) => entry.resultId);

describe("what a reader sees of a project's results", () => {
  it('shows headquarters and the officer of the country every result', () => {
    expect(ids(projectAsSeenBy({ subject: 'hq', roles: ['hq-analyst'] }, project))).toHaveLength(4);
    expect(ids(projectAsSeenBy({ subject: 'o', roles: ['delegation-officer'], country: 'ML' }, project))).toHaveLength(4);
  });

  it("shows a partner its own results and the approved ones, never a co-partner's pending or returned result and its reason", () => {
    const iom: Principal = { subject: 'p', roles: ['implementing-partner'], org: 'IOM' };
    expect(ids(projectAsSeenBy(iom, project))).toEqual(['iom-pending', 'giz-approved']);
    const giz: Principal = { subject: 'p', roles: ['implementing-partner'], org: 'GIZ' };
    expect(ids(projectAsSeenBy(giz, project))).toEqual(['giz-returned', 'giz-approved']);
  });
});
