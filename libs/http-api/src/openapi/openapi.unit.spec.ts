import { z } from 'zod';
import { ApiReadRoute, openApiBody } from './openapi';

const nextStep = z.object({ entryId: z.string().min(1), dueDate: z.iso.date().nullable() });

describe('openApiBody', () => {
  it('describes the body in OpenAPI 3.0 terms: a nullable field is nullable, no $schema', () => {
    const { schema, examples } = openApiBody(nextStep);
    expect(schema).not.toHaveProperty('$schema');
    expect(schema.properties?.['dueDate']).toMatchObject({ type: 'string', nullable: true });
    expect(examples).toBeUndefined();
  });

  it('carries the example it is given', () => {
    expect(openApiBody(nextStep, { entryId: 'next-1', dueDate: null }).examples).toEqual({ example: { value: { entryId: 'next-1', dueDate: null } } });
  });

  it('refuses an example its own schema refuses, naming the field', () => {
    expect(() => openApiBody(nextStep, { entryId: '', dueDate: null })).toThrow(/example.*entryId/);
  });

  it('refuses an example with a field its schema does not know: the request it documents would be refused', () => {
    expect(() => openApiBody(nextStep, { entryId: 'next-1', dueDate: null, reportingOrg: 'IOM' })).toThrow(/does not know: reportingOrg/);
  });
});

describe('ApiReadRoute', () => {
  it('refuses a JSON answer without a schema', () => {
    expect(() => ApiReadRoute({ description: 'The factsheet.' })).toThrow(/schema/);
  });

  it('refuses an example its zod schema refuses', () => {
    expect(() => ApiReadRoute({ description: 'The next step.', schema: nextStep, example: { entryId: 'next-1' } })).toThrow(/dueDate/);
  });
});
