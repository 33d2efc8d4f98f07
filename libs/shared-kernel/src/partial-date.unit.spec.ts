import { isBeforeAsKnown } from './partial-date';

describe('dates as precise as they are known', () => {
  it('compare only to the precision both have', () => {
    expect(isBeforeAsKnown('2016-12-31', '2017')).toBe(true);
    expect(isBeforeAsKnown('2017-05', '2017-05-20')).toBe(false);
    expect(isBeforeAsKnown('2017-05-20', '2017-05')).toBe(false);
    expect(isBeforeAsKnown('2017-04', '2017-05-01')).toBe(true);
  });
});
