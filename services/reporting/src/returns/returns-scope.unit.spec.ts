import { AccessForbiddenException, type Principal } from '@eutf/identity';
import { figureScopeOf, inFigureScope, projectsLedBy } from './returns-scope';

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

describe("a country's projects, for its returns and reintegration figures", () => {
  const register = [
    { projectId: 'ml-joint', countries: ['ML'] },
    // Regional: Mali leads, Niger participates.
    { projectId: 'sahel-regional', countries: ['NE', 'ML'], leadCountry: 'ML' },
    // Registered before leads were named: led by its first listed country.
    { projectId: 'older-regional', countries: ['NE', 'ML'] },
    { projectId: 'sn-only', countries: ['SN'] },
  ];
  const regionalDocs = [
    { projectId: 'sahel-regional', partner: 'IOM' },
    { projectId: 'older-regional', partner: 'IOM' },
  ];

  it('are the projects it leads, not those it only participates in', () => {
    expect(projectsLedBy('ML', register)).toEqual(new Set(['ml-joint', 'sahel-regional']));
    expect(projectsLedBy('NE', register)).toEqual(new Set(['older-regional']));
    expect(projectsLedBy('SN', register)).toEqual(new Set(['sn-only']));
    expect(projectsLedBy('NG', register)).toEqual(new Set());
  });

  it("so a participating country's officer does not count a regional project's figures, its lead's officer does, and headquarters counts them once", () => {
    const niger: Principal = { subject: 'officer', roles: ['delegation-officer'], country: 'NE' };
    expect(inFigureScope(regionalDocs, figureScopeOf(niger, {}), projectsLedBy('NE', register))).toEqual([{ projectId: 'older-regional', partner: 'IOM' }]);
    expect(inFigureScope(regionalDocs, figureScopeOf(officer, {}), projectsLedBy('ML', register))).toEqual([{ projectId: 'sahel-regional', partner: 'IOM' }]);
    expect(inFigureScope(regionalDocs, figureScopeOf(analyst, {}), undefined)).toEqual(regionalDocs);
    expect(inFigureScope(regionalDocs, figureScopeOf(analyst, { country: 'NE' }), projectsLedBy('NE', register))).toEqual([{ projectId: 'older-regional', partner: 'IOM' }]);
  });
});
