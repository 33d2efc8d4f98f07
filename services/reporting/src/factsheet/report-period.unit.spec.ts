import { periodFit } from './report-period';

const firstPublished = { from: '2016-06-01', to: '2017-03-31' };

describe('which figures belong to a report period', () => {
  it('counts a figure whose period lies wholly inside, compared as precisely as the dates are known', () => {
    expect(periodFit({ from: '2016-06-01', to: '2017-03-31' }, firstPublished)).toBe('inside');
    expect(periodFit({ from: '2016-06', to: '2017-03' }, firstPublished)).toBe('inside');
    expect(periodFit({ from: '2017-01-01', to: '2017-06' }, { from: '2016-06-01', to: '2017-06-30' })).toBe('inside');
  });

  it('shows apart a figure running beyond the period: the AECID figures to October 2020 are not figures of June 2016 – March 2017', () => {
    expect(periodFit({ from: '2017-05-01', to: '2020-10-31' }, firstPublished)).toBe('outside');
    expect(periodFit({ from: '2016-01', to: '2020-10' }, firstPublished)).toBe('apart');
    expect(periodFit({ from: null, to: '2020-10-31' }, firstPublished)).toBe('apart');
    expect(periodFit({ from: '2015', to: '2017' }, firstPublished)).toBe('apart');
    expect(periodFit({ from: '2017-03', to: '2017-04' }, firstPublished)).toBe('apart');
  });

  it('counts a running total "since the start" that ends inside the period, as the total on that day', () => {
    expect(periodFit({ from: null, to: '2017-03' }, firstPublished)).toBe('inside');
    expect(periodFit({ from: null, to: '2016-05' }, firstPublished)).toBe('outside');
  });

  it('shows apart a figure whose source states no period, and leaves out one wholly before or after', () => {
    expect(periodFit({ from: null, to: null }, firstPublished)).toBe('apart');
    expect(periodFit({ from: '2019', to: '2021' }, firstPublished)).toBe('outside');
    expect(periodFit({ from: '2015-01', to: '2016-05' }, firstPublished)).toBe('outside');
  });
});
