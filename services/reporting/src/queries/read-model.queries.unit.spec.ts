import { inMemoryProjectionReader, type DocumentFilter, type Projection, type ProjectionReader } from '@eutf/projections';
import { reintegrationProjection, type ReintegrationDoc } from '../read-models/reintegration.projection';
import { returnsProjection, type ProjectReturnsDoc } from '../read-models/returns.projection';
import { ReadModelQueries } from './read-model.queries';

const returnsOf = (projectId: string, partner: string): ProjectReturnsDoc => ({ projectId, partner, operations: [], periodReports: [] });
const reintegrationOf = (projectId: string, partner: string): ReintegrationDoc => ({ projectId, partner, cases: [], periodReports: [] });

/** Queries over documents in memory, counting the reads each read model is asked for. */
function queriesOver(returns: ProjectReturnsDoc[], reintegration: ReintegrationDoc[]) {
  const reads: Array<{ projection: string; filter: DocumentFilter<object> }> = [];
  const readers = new Map<string, ProjectionReader<object>>([
    [returnsProjection.name, inMemoryProjectionReader(new Map(returns.map((doc) => [`${doc.projectId}~${doc.partner}`, doc])))],
    [reintegrationProjection.name, inMemoryProjectionReader(new Map(reintegration.map((doc) => [`${doc.projectId}~${doc.partner}`, doc])))],
  ]);
  const queries = new ReadModelQueries({
    of: <Doc extends object>(projection: Projection<Doc>): ProjectionReader<Doc> => {
      const reader = readers.get(projection.name) ?? inMemoryProjectionReader(new Map());
      return {
        get: (documentId) => reader.get(documentId) as Promise<Doc | undefined>,
        getMany: (documentIds) => reader.getMany(documentIds) as Promise<Doc[]>,
        find: (filter, options) => {
          reads.push({ projection: projection.name, filter: filter as DocumentFilter<object> });
          return reader.find(filter as DocumentFilter<object>, options as never) as Promise<Doc[]>;
        },
      };
    },
  });
  return { queries, reads };
}

describe('what partners reported of returns and reintegration, for a list of projects', () => {
  const returns = [returnsOf('p-2', 'IOM'), returnsOf('p-1', 'GIZ'), returnsOf('p-1', 'IOM'), returnsOf('p-other', 'IOM')];
  const reintegration = [reintegrationOf('p-1', 'IOM'), reintegrationOf('p-3', 'IOM'), reintegrationOf('p-other', 'IOM')];

  it('reads each read model once for many projects (not once per project), keeps to those projects, in their order', async () => {
    const { queries, reads } = queriesOver(returns, reintegration);

    const reported = await queries.reported(['p-1', 'p-2', 'p-3']);

    expect(reads).toEqual([
      { projection: 'returns', filter: {} },
      { projection: 'reintegration', filter: {} },
    ]);
    expect(reported.returns.map((doc) => `${doc.projectId}/${doc.partner}`)).toEqual(['p-1/GIZ', 'p-1/IOM', 'p-2/IOM']);
    expect(reported.reintegration.map((doc) => `${doc.projectId}/${doc.partner}`)).toEqual(['p-1/IOM', 'p-3/IOM']);
  });

  it('reads one project by its id, and nothing for no project', async () => {
    const { queries, reads } = queriesOver(returns, reintegration);

    const one = await queries.reported(['p-1']);
    const none = await queries.reported([]);

    expect(reads).toEqual([
      { projection: 'returns', filter: { projectId: 'p-1' } },
      { projection: 'reintegration', filter: { projectId: 'p-1' } },
    ]);
    expect(one.returns.map((doc) => doc.partner)).toEqual(['GIZ', 'IOM']);
    expect(one.reintegration.map((doc) => doc.partner)).toEqual(['IOM']);
    expect(none).toEqual({ returns: [], reintegration: [] });
  });
});
