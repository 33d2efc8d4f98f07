import { mintDevelopmentToken } from './dev-token';
import { Principal, actorOf } from './principal';

const officer: Principal = { subject: 'officer-ml-1', roles: ['delegation-officer'], country: 'ML' };
const partner: Principal = { subject: 'iom-ml-1', roles: ['implementing-partner'], org: 'iom' };
const both: Principal = { subject: 'dual-1', roles: ['delegation-officer', 'hq-finance'], country: 'NE' };

describe('the actor recorded on events', () => {
  it('carries the country of a delegation officer', () => {
    expect(actorOf(officer, 'delegation-officer')).toEqual({ subject: 'officer-ml-1', role: 'delegation-officer', country: 'ML' });
  });

  it('carries the organisation of an implementing partner', () => {
    expect(actorOf(partner, 'implementing-partner')).toEqual({ subject: 'iom-ml-1', role: 'implementing-partner', org: 'iom' });
  });

  it('carries only the scope of the role acted in', () => {
    expect(actorOf(both, 'hq-finance')).toEqual({ subject: 'dual-1', role: 'hq-finance' });
  });

  it('refuses a role the principal does not hold', () => {
    expect(() => actorOf(partner, 'hq-finance')).toThrow('iom-ml-1 cannot act as hq-finance: the token grants implementing-partner');
  });
});

describe('minting development tokens', () => {
  const secret = 'a-secret-for-these-specs-only-0123456789';

  it('refuses claims that verification would refuse', async () => {
    await expect(mintDevelopmentToken({ subject: 'officer-1', roles: ['delegation-officer'] }, secret)).rejects.toThrow(
      'Cannot mint a development token: claim country: is required for the role delegation-officer',
    );
    await expect(mintDevelopmentToken({ subject: 'partner-1', roles: ['implementing-partner'] }, secret)).rejects.toThrow(
      /claim org: is required/,
    );
    await expect(mintDevelopmentToken({ subject: 'hq-1', roles: ['hq-analyst'] }, 'too-short')).rejects.toThrow(/at least 32/);
  });
});
