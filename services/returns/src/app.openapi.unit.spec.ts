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

describe('the returns service OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await openApiDocumentOf(AppModule.forConfig(offline));
  });

  it('documents every route of returns and reintegration: receipt, problems, body example checked against its schema', () => {
    const operations = Object.values(document.paths).flatMap((item) => [item.post, item.put].filter((op) => op?.tags?.includes('returns') || op?.tags?.includes('reintegration')));
    expect(operations).toHaveLength(12);
    expect(openApiGaps(document)).toEqual([]);
  });

  it('documents the rule that no return is counted twice where a figure is recorded', () => {
    const responses = document.paths['/returns/projects/{projectId}/period-reports']?.post?.responses ?? {};
    const examples = Object.keys((responses['409'] as { content: Record<string, { examples: object }> }).content['application/problem+json']?.examples ?? {});
    expect(examples).toContain('returns-counted-twice');
  });
});

describe('the spreadsheet uploads in the OpenAPI document', () => {
  it('document the file as the body, in CSV or XLSX, with an example, and the 413 and 415 problems', async () => {
    const document = await openApiDocumentOf(AppModule.forConfig(offline));
    for (const path of ['/returns/projects/{projectId}/monthly-returns-spreadsheet', '/reintegration/projects/{projectId}/cases-spreadsheet']) {
      const operation = document.paths[path]?.post;
      const content = (operation?.requestBody as { content: Record<string, { examples?: object }> } | undefined)?.content ?? {};
      expect([path, Object.keys(content)]).toEqual([path, ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']]);
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '413', '415', '422']));
    }
  });
});

describe('the returns service configuration', () => {
  it('needs a key for hashing partners\' ids outside development', () => {
    expect(() => loadConfig(environment, { DATABASE_URL: 'postgresql://eutf@127.0.0.1:9/eutf', KAFKA_BROKERS: '127.0.0.1:9', OIDC_JWKS_URL: 'https://login.example.eu/jwks', OIDC_ISSUER: 'https://login.example.eu' })).toThrow(
      /RETURNS_ID_HASH_KEY: is required outside development/,
    );
  });
});
