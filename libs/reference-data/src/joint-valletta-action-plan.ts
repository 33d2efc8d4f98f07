/**
 * The five priority domains of the Joint Valletta Action Plan (Valletta Summit on Migration,
 * November 2015), under which the EUTF and the Rabat and Khartoum processes report.
 */
export const JVAP_DOMAINS = [
  { number: 1, title: 'Development benefits of migration and addressing root causes of irregular migration and forced displacement' },
  { number: 2, title: 'Legal migration and mobility' },
  { number: 3, title: 'Protection and asylum' },
  { number: 4, title: 'Prevention of and fight against irregular migration, migrant smuggling and trafficking in human beings' },
  { number: 5, title: 'Return, readmission and reintegration' },
] as const;

export type JvapDomain = (typeof JVAP_DOMAINS)[number];
export type JvapDomainNumber = JvapDomain['number'];

export function isJvapDomainNumber(value: unknown): value is JvapDomainNumber {
  return JVAP_DOMAINS.some((domain) => domain.number === value);
}
