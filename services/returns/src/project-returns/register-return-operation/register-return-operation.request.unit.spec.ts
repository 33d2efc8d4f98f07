import { parseWith } from '@eutf/http-api';
import { REGISTER_RETURN_OPERATION_EXAMPLE, registerReturnOperationBody } from './register-return-operation.request';

const fieldsRefused = (body: object): string[] => {
  try {
    parseWith(registerReturnOperationBody, body);
    return [];
  } catch (error) {
    return ((error as { problem?: { errors?: Array<{ field: string }> } }).problem?.errors ?? []).map(({ field }) => field);
  }
};

describe('the countries of a return operation', () => {
  it('are countries of the reference list: a code-shaped ZZ, a lower-case ml and <> are refused, naming the field', () => {
    expect(fieldsRefused(REGISTER_RETURN_OPERATION_EXAMPLE)).toEqual([]);
    for (const wrong of ['ZZ', 'ml', '<>']) {
      expect([wrong, fieldsRefused({ ...REGISTER_RETURN_OPERATION_EXAMPLE, hostCountry: wrong })]).toEqual([wrong, ['body.hostCountry']]);
      expect([wrong, fieldsRefused({ ...REGISTER_RETURN_OPERATION_EXAMPLE, countryOfOrigin: wrong })]).toEqual([wrong, ['body.countryOfOrigin']]);
    }
  });
});
