import { AccessForbiddenException, type Principal } from '@eutf/identity';
import { figureScopeOf, inFigureScope } from './returns-scope';

const analyst: Principal = { subject: 'analyst', roles: ['hq-analyst'] };
const officer: Principal = { subject: 'officer', roles: ['delegation-officer'], country: 'ML' };
const partner: Principal = { subject: 'partner', roles: ['implementing-partner'], org: 'IOM' };

const docs = [
  { projectId: 'ml-joint', partner: 'IOM' },
  { projectId: 'ml-joint', partner: 'GIZ' },
  { projectId: 'ne-return', partner: 'IOM' },
  { projectId: 'not-in-register', partner: 'IOM' },
];
const malianProjects = new Set(['ml-joint']);

describe('whose returns and reintegration figures a reader counts', () => {
  it('headquarters: everything, or what it asks for', () => {
    expect(figureScopeOf(analyst, {})).toEqual({});
    expect(inFigureScope(docs, figureScopeOf(analyst, {}), undefined)).toEqual(docs);
    expect(inFigureScope(docs, figureScopeOf(analyst, { country: 'ML', partner: 'GIZ' }), malianProjects)).toEqual([{ projectId: 'ml-joint', partner: 'GIZ' }]);
  });

  it("an officer: every partner's figures of their country's projects, and nothing of a project the register does not know", () => {
    expect(figureScopeOf(officer, {})).toEqual({ country: 'ML' });
    expect(inFigureScope(docs, figureScopeOf(officer, {}), malianProjects)).toEqual(docs.slice(0, 2));
    expect(() => figureScopeOf(officer, { country: 'NE' })).toThrow(AccessForbiddenException);
  });

  it("a partner: its own organisation's figures only, never a co-partner's on a shared project", () => {
    expect(inFigureScope(docs, figureScopeOf(partner, {}), undefined)).toEqual([docs[0], docs[2], docs[3]]);
    expect(inFigureScope(docs, figureScopeOf(partner, { country: 'ML' }), malianProjects)).toEqual([docs[0]]);
    expect(() => figureScopeOf(partner, { partner: 'GIZ' })).toThrow(AccessForbiddenException);
  });

  it('a token without its scope claim reads nothing', () => {
    expect(inFigureScope(docs, figureScopeOf({ subject: 'officer', roles: ['delegation-officer'] }, {}), new Set())).toEqual([]);
    expect(inFigureScope(docs, figureScopeOf({ subject: 'partner', roles: ['implementing-partner'] }, {}), undefined)).toEqual([]);
  });
});
