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

describe('the projects service OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await openApiDocumentOf(AppModule.forConfig(offline));
  });

  it('documents every operation of the projects, country partnerships and reported figures: receipt, problems, body example', () => {
    const tags = ['projects', 'country partnerships', 'reported figures'];
    const operations = Object.values(document.paths).flatMap((item) => [item.get, item.post, item.put].filter((op) => tags.some((tag) => op?.tags?.includes(tag))));
    expect(operations).toHaveLength(25);
    expect(openApiGaps(document)).toEqual([]);
  });

  it('shows a 409 problem naming the broken rule, and the ETag of the receipt', () => {
    const operation = document.paths['/countries/{country}/high-level-engagements']?.post;
    expect(operation?.responses['201']).toMatchObject({ headers: { ETag: expect.anything() } });
    expect(operation?.responses['409']).toMatchObject({
      content: { 'application/problem+json': { examples: { 'entry-already-recorded': { value: { status: 409, rule: 'entry-already-recorded' } } } } },
    });
    expect(operation?.parameters?.map((parameter) => 'name' in parameter && parameter.name)).toEqual(
      expect.arrayContaining(['country', 'Idempotency-Key', 'If-Match']),
    );
  });

  it('shows the rules a result submission may break, by status', () => {
    const responses = document.paths['/projects/{projectId}/results/{resultId}/submission']?.post?.responses ?? {};
    const examplesOf = (status: string) => Object.keys((responses[status] as { content: Record<string, { examples: object }> }).content['application/problem+json']?.examples ?? {});
    expect(examplesOf('409')).toEqual(expect.arrayContaining(['result-period-locked', 'result-pending-approval', 'concurrencyConflict']));
    expect(examplesOf('422')).toEqual(expect.arrayContaining(['disaggregation-does-not-add-up']));
    expect(examplesOf('404')).toEqual(['project-not-registered']);
  });
});
