import { periodsOverlap } from './period';

const firstHalf2017 = { from: '2017-01-01', to: '2017-06-30' };

describe('periods of whole days', () => {
  it('overlap when they share a day, both ends included', () => {
    expect(periodsOverlap(firstHalf2017, firstHalf2017)).toBe(true);
    expect(periodsOverlap({ from: '2017-01-01', to: '2017-06-29' }, firstHalf2017)).toBe(true);
    expect(periodsOverlap({ from: '2016-07-01', to: '2017-01-01' }, firstHalf2017)).toBe(true);
    expect(periodsOverlap({ from: '2017-06-30', to: '2017-12-31' }, firstHalf2017)).toBe(true);
    expect(periodsOverlap({ from: '2016-01-01', to: '2018-12-31' }, firstHalf2017)).toBe(true);
  });

  it('do not overlap when one ends the day before the other starts', () => {
    expect(periodsOverlap({ from: '2016-07-01', to: '2016-12-31' }, firstHalf2017)).toBe(false);
    expect(periodsOverlap({ from: '2017-07-01', to: '2017-12-31' }, firstHalf2017)).toBe(false);
  });

  it('reach back from an open start to every period starting on or before its end', () => {
    expect(periodsOverlap({ from: null, to: '2020-10-31' }, firstHalf2017)).toBe(true);
    expect(periodsOverlap({ from: null, to: '2017-01-01' }, firstHalf2017)).toBe(true);
    expect(periodsOverlap({ from: null, to: '2016-12-31' }, firstHalf2017)).toBe(false);
    expect(periodsOverlap(firstHalf2017, { from: null, to: '2016-12-31' })).toBe(false);
  });
});
