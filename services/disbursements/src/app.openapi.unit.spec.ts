import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@eutf/service-runtime';
import { openApiDocumentOf, openApiGaps } from '@eutf/service-testing';
import { AppModule } from './app.module';
import { environment } from './config';

// Addresses nothing listens on: the document is built without connecting to any server.
const offline = loadConfig(environment, {
  DATABASE_URL: 'postgresql://eutf@127.0.0.1:9/eutf',
  KAFKA_BROKERS: '127.0.0.1:9',
  EUTF_DEV_JWT_SECRET: 'openapi-document-only-secret-not-for-tokens',
  LOG_LEVEL: 'silent',
});

describe('the disbursements service OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await openApiDocumentOf(AppModule.forConfig(offline));
  });

  it("documents every operation of a project's funding: receipt, problems, body example", () => {
    const operations = Object.values(document.paths).flatMap((item) => [item.post].filter((op) => op?.tags?.includes('funding')));
    expect(operations).toHaveLength(10);
    expect(openApiGaps(document)).toEqual([]);
  });

  it('shows the rules a tranche request may break, by status', () => {
    const responses = document.paths['/projects/{projectId}/contracts/{contractId}/tranches']?.post?.responses ?? {};
    const examplesOf = (status: string) => Object.keys((responses[status] as { content: Record<string, { examples: object }> }).content['application/problem+json']?.examples ?? {});
    expect(examplesOf('403')).toEqual(expect.arrayContaining(['partner-not-contractor']));
    expect(examplesOf('409')).toEqual(expect.arrayContaining(['project-unknown', 'project-not-open', 'tranche-already-requested']));
    expect(examplesOf('422')).toEqual(expect.arrayContaining(['requests-exceed-contract', 'period-inverted']));
  });
});
