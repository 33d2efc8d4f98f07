import { randomUUID } from 'node:crypto';
import { attackSeed, describeAttack, documentedExample, ownTopicNamespace } from '@eutf/service-testing';
import { disbursementsAppForSpec, finance, libyaProject, partner } from './test-support/disbursements-app';

ownTopicNamespace('attack-disbursements');
process.env['LOG_LEVEL'] = 'warn';
const service = disbursementsAppForSpec('attack');
const projectId = `ml-attack-${randomUUID().slice(0, 8)}`;

describeAttack({
  name: 'disbursements',
  service,
  seed: attackSeed(140_002),
  runs: 3_100,
  /** The ML project IOM and GIZ implement, Senegal participating, committed, with IOM's contract and a tranche IOM requested under it. */
  world: {
    path: { projectId, contractId: 'c-iom', trancheId: 'tranche-1' },
    unknown: { projectId: `ml-nothing-${randomUUID().slice(0, 8)}`, contractId: 'c-nobody' },
    country: 'ML',
    participating: true,
    noSuchProject: ['project-unknown'],
    partnerOwned: ['contractId'],
  },
  setUp: async (operations) => {
    const registered = libyaProject(projectId);
    await service.projectHistory(projectId, [{ ...registered, data: { ...registered.data, countries: ['ML', 'SN'], leadCountry: 'ML' } } as typeof registered]);
    const example = (name: string) => documentedExample(operations, name);
    const setUp = [
      await service.post(`/projects/${projectId}/commitment`, await finance(), example('POST /projects/{projectId}/commitment')),
      await service.post(`/projects/${projectId}/contracts`, await finance(), { ...example('POST /projects/{projectId}/contracts'), contractId: 'c-iom', partnerOrg: 'IOM' }),
      await service.post(`/projects/${projectId}/contracts/c-iom/tranches`, await partner('IOM'), example('POST /projects/{projectId}/contracts/{contractId}/tranches')),
    ];
    expect(setUp.map((response) => response.status)).toEqual([201, 201, 201]);
  },
  // Senegal participates: its officer decides no tranche, and reads the ledger's history.
  thenAccess: (cases) => {
    const participant = cases.filter((accessCase) => accessCase.caller === 'officer of SN' && (accessCase.expected === 'not-the-lead' || accessCase.expected === 'reached'));
    expect(participant.map((accessCase) => [accessCase.operation, accessCase.expected, accessCase.status]).sort()).toEqual([
      ['GET /projects/{projectId}/funding/history', 'reached', 200],
      ['POST /projects/{projectId}/contracts/{contractId}/tranches/{trancheId}/approval', 'not-the-lead', 403],
      ['POST /projects/{projectId}/contracts/{contractId}/tranches/{trancheId}/rejection', 'not-the-lead', 403],
    ]);
  },
});
