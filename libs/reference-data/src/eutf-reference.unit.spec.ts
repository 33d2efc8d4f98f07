import { formatEutfReference, parseEutfReference, programmeReferenceOf, type EutfReference } from './eutf-reference';
import { eutfReferenceSchema, eutfReferenceTextSchema } from './eutf-reference.schema';

const SHAPE = 'expected T05-EUTF-{window}-{country}-{programme}[-{contract}]';

function problemsOf(text: string): readonly string[] {
  const result = parseEutfReference(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
  return result.problems;
}

function referenceOf(text: string): EutfReference {
  const result = parseEutfReference(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to be read: ${result.problems.join('; ')}`);
  return result.reference;
}

describe('EUTF project references', () => {
  describe('valid references', () => {
    it('reads a contract under a programme', () => {
      expect(referenceOf('T05-EUTF-SAH-NE-12-03')).toEqual({
        text: 'T05-EUTF-SAH-NE-12-03',
        window: 'SAH',
        country: 'NE',
        programme: 12,
        contract: 3,
      });
    });

    it('reads a programme without a contract', () => {
      expect(referenceOf('T05-EUTF-SAH-ML-07')).toEqual({
        text: 'T05-EUTF-SAH-ML-07',
        window: 'SAH',
        country: 'ML',
        programme: 7,
        contract: null,
      });
    });

    it('accepts REG in the country place for a regional programme', () => {
      expect(referenceOf('T05-EUTF-SAH-REG-18')).toMatchObject({ window: 'SAH', country: 'REG', programme: 18 });
    });

    it('accepts every window, REG included', () => {
      expect(referenceOf('T05-EUTF-HOA-ET-01').window).toBe('HOA');
      expect(referenceOf('T05-EUTF-NOA-LY-03-01').window).toBe('NOA');
      expect(referenceOf('T05-EUTF-REG-REG-02').window).toBe('REG');
    });

    it('writes the canonical text back and names the programme a contract belongs to', () => {
      const reference = referenceOf('T05-EUTF-SAH-NE-12-03');
      expect(formatEutfReference(reference)).toBe('T05-EUTF-SAH-NE-12-03');
      expect(programmeReferenceOf(reference)).toBe('T05-EUTF-SAH-NE-12');
    });
  });

  describe('malformed references, and what is wrong with them', () => {
    it('points at whitespace by its position, counting from 0', () => {
      expect(problemsOf('T05-EUTF- SAH-ML-13')).toEqual(['contains whitespace at position 9']);
    });

    it('lists every whitespace position, leading and trailing included', () => {
      expect(problemsOf(' T05-EUTF-SAH-ML-13\t')).toEqual(['contains whitespace at positions 0, 19']);
    });

    it('names a window that does not exist and lists the ones that do', () => {
      expect(problemsOf('T05-EUTF-SAL-ML-13')).toEqual(['window "SAL" is not one of SAH, HOA, NOA, REG']);
    });

    it('names a country code it does not know', () => {
      expect(problemsOf('T05-EUTF-SAH-XX-13')).toEqual(['country "XX" is not an ISO 3166-1 alpha-2 code we know']);
      expect(problemsOf('T05-EUTF-SAH-MLI-13')).toEqual([
        'country "MLI" is not an ISO 3166-1 alpha-2 code we know',
      ]);
    });

    it('gives the expected shape when parts are missing', () => {
      expect(problemsOf('T05-EUTF-SAH-ML')).toEqual([
        SHAPE,
        'has 4 parts separated by "-", expected 5, or 6 with a contract',
      ]);
      expect(problemsOf('T05-EUTF-SAH-ML-')).toEqual([SHAPE, 'has an empty part: "-" at the start or end, or "--"']);
      expect(problemsOf('')).toEqual([SHAPE, 'is empty']);
    });

    it('gives the expected shape when there are too many parts', () => {
      expect(problemsOf('T05-EUTF-SAH-ML-13-03-01')).toEqual([
        SHAPE,
        'has 7 parts separated by "-", expected 5, or 6 with a contract',
      ]);
    });

    it('says a reference must be upper case, and checks the rest as if it were', () => {
      expect(problemsOf('t05-eutf-sah-ml-13')).toEqual(['must be upper case (should read "T05-EUTF-SAH-ML-13")']);
      expect(problemsOf('T05-EUTF-sal-ML-13')).toEqual([
        'must be upper case (should read "T05-EUTF-SAL-ML-13")',
        'window "SAL" is not one of SAH, HOA, NOA, REG',
      ]);
    });

    it('wants two-digit programme and contract numbers from 01 to 99', () => {
      expect(problemsOf('T05-EUTF-SAH-ML-7')).toEqual(['programme "7" must be two digits from 01 to 99']);
      expect(problemsOf('T05-EUTF-SAH-ML-007')).toEqual(['programme "007" must be two digits from 01 to 99']);
      expect(problemsOf('T05-EUTF-SAH-ML-00')).toEqual(['programme "00" must be two digits from 01 to 99']);
      expect(problemsOf('T05-EUTF-SAH-ML-13-3')).toEqual(['contract "3" must be two digits from 01 to 99']);
    });

    it('checks the fixed prefix', () => {
      expect(problemsOf('T04-EUFT-SAH-ML-13')).toEqual(['starts with "T04", expected "T05"', 'has "EUFT" where "EUTF" is expected']);
    });

    it('reports dash look-alikes and stray characters with their code points', () => {
      expect(problemsOf('T05–EUTF–SAH-ML-13')).toEqual(['contains "–" (U+2013) at positions 3, 8 where "-" is expected']);
      expect(problemsOf('T05-EUTF-SAH-ML-13.')).toEqual(['contains unexpected character "." (U+002E) at position 18']);
    });

    it('lists several problems at once', () => {
      expect(problemsOf('T05-EUTF- SAL-XX-7')).toEqual([
        'contains whitespace at position 9',
        'window "SAL" is not one of SAH, HOA, NOA, REG',
        'country "XX" is not an ISO 3166-1 alpha-2 code we know',
        'programme "7" must be two digits from 01 to 99',
      ]);
    });
  });

  describe('zod schema', () => {
    it('parses a valid reference into its parts', () => {
      expect(eutfReferenceSchema.parse('T05-EUTF-SAH-NE-12-03')).toMatchObject({ programme: 12, contract: 3 });
      expect(eutfReferenceTextSchema.parse('T05-EUTF-SAH-ML-07')).toBe('T05-EUTF-SAH-ML-07');
    });

    it('reports each problem as an issue message', () => {
      const result = eutfReferenceSchema.safeParse('T05-EUTF- SAL-ML-13');
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([
        'contains whitespace at position 9',
        'window "SAL" is not one of SAH, HOA, NOA, REG',
      ]);
      expect(eutfReferenceTextSchema.safeParse('T05-EUTF-SAH-XX-13').error?.issues.map((issue) => issue.message)).toEqual([
        'country "XX" is not an ISO 3166-1 alpha-2 code we know',
      ]);
    });

    it('refuses a value that is not text', () => {
      expect(eutfReferenceSchema.safeParse(12).success).toBe(false);
    });
  });
});
