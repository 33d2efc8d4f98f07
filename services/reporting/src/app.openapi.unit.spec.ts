import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@eutf/service-runtime';
import { openApiDocumentOf, openApiGaps } from '@eutf/service-testing';
import { AppModule } from './app.module';
import { environment } from './config';

// Addresses nothing listens on: the document is built without connecting to any server.
const offline = loadConfig(environment, {
  KAFKA_BROKERS: '127.0.0.1:9',
  MONGO_URL: 'mongodb://127.0.0.1:9/eutf_reporting',
  EUTF_DEV_JWT_SECRET: 'openapi-document-only-secret-not-for-tokens',
  LOG_LEVEL: 'silent',
});

describe('the reporting service OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await openApiDocumentOf(AppModule.forConfig(offline));
  });

  it('documents every operation: its answer, its problems, its bearer token', () => {
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/projects', '/projects/{projectId}', '/countries/{country}/factsheet', '/countries/{country}/factsheet/results.csv', '/report-links']),
    );
    expect(openApiGaps(document)).toEqual([]);
  });

  it('answers the factsheet as JSON, HTML or CSV, each with its media type', () => {
    const mediaTypes = (path: string) => Object.keys((document.paths[path]?.get?.responses['200'] as { content?: object } | undefined)?.content ?? {});
    expect(mediaTypes('/countries/{country}/factsheet')).toEqual(['application/json']);
    expect(mediaTypes('/countries/{country}/factsheet.html')).toEqual(['text/html']);
    expect(mediaTypes('/countries/{country}/factsheet/results.csv')).toEqual(['text/csv']);
    expect(mediaTypes('/countries/{country}/factsheet/projects.csv')).toEqual(['text/csv']);
    expect(mediaTypes('/countries/{country}/factsheet/led-by-another-country.csv')).toEqual(['text/csv']);
  });

  it('answers the consolidated report as JSON, HTML, CSV, XLSX or PDF by content negotiation, and at its own .html, .csv, .xlsx and .pdf paths', () => {
    const mediaTypes = (path: string) => Object.keys((document.paths[path]?.get?.responses['200'] as { content?: object } | undefined)?.content ?? {});
    expect(mediaTypes('/reports/consolidated')).toEqual(['application/json', 'text/html', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf']);
    expect(document.paths['/reports/consolidated']?.get?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'format', in: 'query' })]));
    expect(mediaTypes('/reports/consolidated.html')).toEqual(['text/html']);
    expect(mediaTypes('/reports/consolidated.csv')).toEqual(['text/csv']);
    expect(mediaTypes('/reports/consolidated.xlsx')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(mediaTypes('/reports/consolidated.pdf')).toEqual(['application/pdf']);
  });

  it('answers the returns and reintegration views as JSON or CSV', () => {
    const mediaTypes = (path: string) => Object.keys((document.paths[path]?.get?.responses['200'] as { content?: object } | undefined)?.content ?? {});
    expect(mediaTypes('/returns')).toEqual(['application/json']);
    expect(mediaTypes('/returns/by-origin-and-host.csv')).toEqual(['text/csv']);
    expect(mediaTypes('/returns/by-month-and-host.csv')).toEqual(['text/csv']);
    expect(mediaTypes('/reintegration/{dimension}')).toEqual(['application/json']);
    expect(mediaTypes('/reintegration/{dimension}/table.csv')).toEqual(['text/csv']);
  });

  it('answers the IATI activity files as XML, per project and per country', () => {
    const mediaTypes = (path: string) => Object.keys((document.paths[path]?.get?.responses['200'] as { content?: object } | undefined)?.content ?? {});
    expect(mediaTypes('/reports/projects/{projectId}/iati')).toEqual(['application/xml']);
    expect(mediaTypes('/reports/countries/{country}/iati')).toEqual(['application/xml']);
  });
});
