import { randomUUID } from 'node:crypto';
import { attackSeed, describeAttack } from '@eutf/service-testing';
import { returnsAppForSpec } from './test-support/returns-app';

// The harness gives the service a topic namespace of its own.
const service = returnsAppForSpec('attack');
const projectId = `ml-attack-${randomUUID().slice(0, 8)}`;

describeAttack({
  name: 'returns',
  service,
  seed: attackSeed(140_003),
  runs: 3_100,
  /** The ML project IOM and GIZ implement, Senegal participating. A partner's returns are its own streams, so a co-partner is in scope here. */
  world: {
    path: { projectId },
    unknown: { projectId: `ml-nothing-${randomUUID().slice(0, 8)}` },
    country: 'ML',
    participating: true,
    noSuchProject: ['project-not-known'],
    partnerOwned: [],
  },
  setUp: () => service.projectSeen(projectId, ['IOM', 'GIZ'], 'implementation', ['ML', 'SN']),
});
