/**
 * What the benchmarks register before they measure: a project in Mali that IOM implements, with one
 * per-period returns indicator, so that every result a partner submits has a period of its own.
 */
export const benchProjectRegistration = (projectId: string, index: number) => ({
  reference: null,
  projectId,
  title: `Benchmark action ${index}`,
  countries: ['ML'],
  implementingPartners: ['IOM'],
  objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [] },
});

export const BENCH_RETURNS_INDICATOR = {
  indicatorId: 'returns',
  title: 'Voluntary returns supported',
  eutfIndicator: { code: '3.4', catalogueVersion: '2021' },
  unit: 'people',
  baseline: 0,
  target: 100_000,
  measurement: 'per-period',
  disaggregation: [],
};

/** A partner's result for the returns indicator, for one day. */
export const benchResult = (day: string) => ({ indicatorId: 'returns', period: { from: day, to: day }, value: 10, disaggregation: [], narrative: '', evidenceLinks: [] });
