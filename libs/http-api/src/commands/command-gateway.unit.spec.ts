import { z } from 'zod';
import { ProblemException } from '../problems/problem-details.filter';
import { MAX_NESTING, parseWith, strayFields, tooDeep } from './command-gateway';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return error.problem as unknown as { status: number; errors: Array<{ field: string; message: string }> };
    throw error;
  }
  throw new Error('not refused');
};

describe('a request body the gateway refuses before its schema', () => {
  // Found by the generated hostile-input suite: a body nested thousands deep overflowed the stack
  // of the recursive walks after it and answered 500.
  it('refuses a body nested deeper than the limit with 400 naming where, walking it without recursion', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`);
    const problem = refusal(() => parseWith(z.object({ reason: z.string() }), { reason: deep }));
    expect(problem.status).toBe(400);
    expect(problem.errors[0]?.field).toBe(['body', 'reason', ...Array(MAX_NESTING - 1).fill('a')].join('.'));
    expect(tooDeep([[[1]]], 3)).toBeUndefined();
    expect(tooDeep([[[[1]]]], 3)).toEqual([0, 0, 0]);
  });

  // Found by the generated suite: schemas that strip what they do not know took a misspelt field as absent.
  it('refuses a field the schema does not know, at any depth, naming it', () => {
    const schema = z.object({ period: z.object({ from: z.string() }), cells: z.array(z.object({ count: z.number() })) });
    const problem = refusal(() => parseWith(schema, { period: { from: '2017-01', remarks: 'x' }, cells: [{ count: 1 }, { count: 2, name: 'Aminata' }] }));
    expect(problem.errors).toEqual([
      { field: 'body.period.remarks', message: 'is not a field of this request' },
      { field: 'body.cells.1.name', message: 'is not a field of this request' },
    ]);
    expect(strayFields({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 2 } })).toEqual([]);
  });
});
