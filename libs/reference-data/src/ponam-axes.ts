/**
 * The 8 axes of Mali's National Migration Policy (PONAM, Politique Nationale de Migration, adopted
 * 3 September 2014). `title` is verbatim from footnote 1 of Mali's GCM review report (seed 001),
 * which gives them in English; `titleFr` is verbatim from the French report of the Ségou action-plan
 * revision workshop, October 2020 (seed 004), which lists the same eight points in the same order.
 */
export const PONAM_AXES = [
  {
    number: 1,
    title: 'Protecting and ensuring the safety of migrants',
    titleFr: 'la protection et la sécurisation des migrants et les membres de leur famille',
  },
  {
    number: 2,
    title: 'Organising and facilitating legal migration',
    titleFr: 'la mise en place de mécanismes et de dispositifs de gestion appropriés pour mieux organiser la migration',
  },
  {
    number: 3,
    title: 'Promoting better reintegration of returning migrants',
    titleFr: 'l’appui à une meilleure réinsertion des migrants de retour',
  },
  {
    number: 4,
    title: 'Valuing and mobilising the capital (potential) of diasporas for development',
    titleFr: 'la valorisation du capital humain (social, culturel, technique), économique et financier des migrants',
  },
  {
    number: 5,
    title: 'Strengthening the capacities of migrant organisations and civil society',
    titleFr: 'le renforcement des capacités des organisations des migrants et de la société civile',
  },
  {
    number: 6,
    title: 'Aiming for a better strategic positioning of Mali on migration issues',
    titleFr: 'le positionnement stratégique du Mali comme carrefour ouest-africain de dialogue et de concertation sur les migrations',
  },
  {
    number: 7,
    title: 'Improving knowledge about migration',
    titleFr: 'l’amélioration des connaissances sur les migrations',
  },
  {
    number: 8,
    title: 'Readjusting the conditions of entry, stay and residence in Mali',
    titleFr: 'la réadaptation des conditions d’entrée, de séjour et d’établissement au Mali',
  },
] as const;

export type PonamAxis = (typeof PONAM_AXES)[number];
export type PonamAxisNumber = PonamAxis['number'];

export function isPonamAxisNumber(value: unknown): value is PonamAxisNumber {
  return PONAM_AXES.some((axis) => axis.number === value);
}
