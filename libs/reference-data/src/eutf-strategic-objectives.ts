/**
 * The EUTF's four strategic objectives, in DOMAIN.md's short wording, plus the two further groups
 * of the common output indicator catalogue (5 cross-cutting, 6 COVID-19), which are categories of
 * indicators rather than objectives. An indicator's code starts with its group's number.
 */
export const EUTF_STRATEGIC_OBJECTIVES = [
  { number: 1, title: 'Greater economic and employment opportunities', kind: 'strategic-objective' },
  { number: 2, title: 'Strengthening resilience of communities', kind: 'strategic-objective' },
  { number: 3, title: 'Improved migration management', kind: 'strategic-objective' },
  { number: 4, title: 'Improved governance and conflict prevention', kind: 'strategic-objective' },
  { number: 5, title: 'Cross-cutting', kind: 'indicator-category' },
  { number: 6, title: 'COVID-19', kind: 'indicator-category' },
] as const;

export type EutfStrategicObjective = (typeof EUTF_STRATEGIC_OBJECTIVES)[number];
/** 1–6: the number an output indicator is filed under. */
export type EutfObjectiveNumber = EutfStrategicObjective['number'];
/** 1–4: the strategic objectives proper, to which a project's objectives map. */
export type EutfStrategicObjectiveNumber = Extract<EutfStrategicObjective, { kind: 'strategic-objective' }>['number'];

export function isEutfStrategicObjectiveNumber(value: unknown): value is EutfStrategicObjectiveNumber {
  return EUTF_STRATEGIC_OBJECTIVES.some((objective) => objective.number === value && objective.kind === 'strategic-objective');
}
