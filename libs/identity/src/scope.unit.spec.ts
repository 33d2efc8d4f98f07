import { Logger } from '@nestjs/common';
import type { Principal } from './principal';
import { AccessForbiddenException, FORBIDDEN_PROBLEM } from './refusals';
import { assertCountryScope, assertOrgScope } from './scope';

const officerMl: Principal = { subject: 'officer-ml-1', roles: ['delegation-officer'], country: 'ML' };
const partnerIom: Principal = { subject: 'iom-1', roles: ['implementing-partner'], org: 'iom' };
const analyst: Principal = { subject: 'hq-1', roles: ['hq-analyst'] };
const adminAndOfficer: Principal = { subject: 'dual-1', roles: ['admin', 'delegation-officer'], country: 'SN' };

function refusal(check: () => void): AccessForbiddenException {
  try {
    check();
  } catch (error) {
    if (error instanceof AccessForbiddenException) return error;
    throw error;
  }
  throw new Error('the check passed');
}

describe('scope checks', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('lets a delegation officer act on their own country', () => {
    expect(() => assertCountryScope(officerMl, 'ML')).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses a delegation officer another country, naming both, and logs the refusal', () => {
    const refused = refusal(() => assertCountryScope(officerMl, 'SN'));

    expect(refused.getStatus()).toBe(403);
    expect(refused.getResponse()).toEqual({
      type: FORBIDDEN_PROBLEM,
      title: 'Not allowed for this role or scope',
      status: 403,
      detail: 'Acting on country SN requires the role delegation-officer with country SN; the token is scoped to country ML',
    });
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ outcome: 'forbidden', subject: 'officer-ml-1', roles: ['delegation-officer'], reason: refused.reason }),
      'request refused',
    );
  });

  it('refuses a country to a principal who is no delegation officer', () => {
    expect(refusal(() => assertCountryScope(partnerIom, 'ML')).reason).toBe(
      'Acting on country ML requires the role delegation-officer with country ML; the token grants implementing-partner',
    );
  });

  it('lets roles named by the route act on any country', () => {
    expect(() => assertCountryScope(analyst, 'NE', { alsoAllow: ['hq-analyst'] })).not.toThrow();
    expect(refusal(() => assertCountryScope(analyst, 'NE', { alsoAllow: ['hq-finance'] })).reason).toBe(
      'Acting on country NE requires the role delegation-officer with country NE, or one of the roles hq-finance; the token grants hq-analyst',
    );
  });

  it('does not let a role the route did not name stand in for the scope', () => {
    // An admin who is also the officer for Senegal gets nothing in Mali from being an admin.
    expect(refusal(() => assertCountryScope(adminAndOfficer, 'ML')).reason).toMatch(/scoped to country SN/);
  });

  it('lets an implementing partner act for its own organisation only', () => {
    expect(() => assertOrgScope(partnerIom, 'iom')).not.toThrow();
    expect(refusal(() => assertOrgScope(partnerIom, 'aecid')).reason).toBe(
      'Acting for organisation aecid requires the role implementing-partner with org aecid; the token is scoped to organisation iom',
    );
    expect(refusal(() => assertOrgScope(officerMl, 'iom')).reason).toMatch(/the token grants delegation-officer$/);
  });
});
