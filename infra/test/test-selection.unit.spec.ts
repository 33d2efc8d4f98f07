import { lintAs } from './support/lint-as';

const fixture = 'libs/shared-kernel/src/test-selection-fixture.spec.ts';
const skipped = ['it.skip', 'describe.skip', 'test.skip', 'it.todo', 'test.todo', 'xit', 'xdescribe', 'xtest'];
const focused = ['it.only', 'describe.only', 'test.only', 'fit', 'fdescribe'];

/** The line of each ban that bites, with its message; one lint run per fixture keeps this quick. */
const bans = (source: string) =>
  lintAs(fixture, source)
    .filter((message) => message.ruleId === 'no-restricted-syntax' && message.severity === 2)
    .map((message) => [message.line, message.message]);
const oneCallPerLine = (calls: string[]) => calls.map((call) => `${call}('counts approved results', () => undefined);`).join('\n');

describe('tests that do not run (lint)', () => {
  it(`refuses ${skipped.join(', ')}: a skipped test hides a failure`, () => {
    expect(bans(oneCallPerLine(skipped))).toEqual(skipped.map((_, index) => [index + 1, expect.stringMatching(/skipped test hides a failure/)]));
  });

  it(`refuses ${focused.join(', ')}: a focused test silently skips the others`, () => {
    expect(bans(oneCallPerLine(focused))).toEqual(focused.map((_, index) => [index + 1, expect.stringMatching(/focused test silently skips/)]));
  });

  it('refuses them in a table too, and when kept aside to be called later', () => {
    const source = ["it.skip.each([1])('counts %s', () => undefined);", "xit.each([1])('counts %s', () => undefined);", 'const later = describe.skip;', "later('counts', () => undefined);"];
    expect(bans(source.join('\n')).map(([line]) => line)).toEqual([1, 2, 3]);
  });

  it('accepts tests that run, and names that merely look alike', () => {
    const source = ["it('counts', () => undefined);", "test.each([1])('counts %s', () => undefined);", 'const fit = 1;', 'export const layout = { fit, skip: 2 };'];
    expect(bans(source.join('\n'))).toEqual([]);
  });
});
