import {
  EUTF_INDICATOR_CATALOGUE_VERSIONS,
  findIndicator,
  indicatorCatalogueVersionIndex,
  normaliseIndicatorCode,
  type IndicatorCatalogueVersion,
  type IndicatorChange,
} from './eutf-output-indicators';

/**
 * What becomes of an indicator code between two catalogue versions, and so what to do with values
 * reported under it:
 * - `unchanged` / `renamed`: one code to one code, the values carry over as they are;
 * - `merged`: the code is part of a broader one in the target version, the values add into it;
 * - `split`: the code became several, the values cannot be carried over without re-disaggregation;
 * - `removed`: no counterpart in the target version.
 */
export type IndicatorMappingKind = 'unchanged' | 'renamed' | 'merged' | 'split' | 'removed';

export interface IndicatorMapping {
  readonly kind: IndicatorMappingKind;
  readonly from: string;
  readonly fromVersion: IndicatorCatalogueVersion;
  readonly toVersion: IndicatorCatalogueVersion;
  /** Codes in the target version, in catalogue order of the change; empty when removed. */
  readonly to: readonly string[];
}

interface Step {
  readonly kind: IndicatorMappingKind;
  readonly to: readonly string[];
}

/** Follows one version's changes forwards, from the previous version's code. */
function stepForward(code: string, changes: readonly IndicatorChange[]): Step {
  for (const change of changes) {
    switch (change.kind) {
      case 'renamed':
        if (change.from === code) return { kind: 'renamed', to: [change.to] };
        break;
      case 'split':
        if (change.from === code) return { kind: 'split', to: change.into };
        break;
      case 'merged':
        if (change.from.includes(code)) return { kind: 'merged', to: [change.into] };
        break;
      case 'removed':
        if (change.code === code) return { kind: 'removed', to: [] };
        break;
      case 'added':
        break;
      default: {
        const unknown: never = change;
        throw new Error(`Unknown indicator change ${JSON.stringify(unknown)}`);
      }
    }
  }
  return { kind: 'unchanged', to: [code] };
}

/** Follows one version's changes backwards, from that version's code to the previous version's. */
function stepBackward(code: string, changes: readonly IndicatorChange[]): Step {
  for (const change of changes) {
    switch (change.kind) {
      case 'renamed':
        if (change.to === code) return { kind: 'renamed', to: [change.from] };
        break;
      case 'split':
        // A part of a split code maps back into the broader code it came from.
        if (change.into.includes(code)) return { kind: 'merged', to: [change.from] };
        break;
      case 'merged':
        if (change.into === code) return { kind: 'split', to: change.from };
        break;
      case 'added':
        if (change.code === code) return { kind: 'removed', to: [] };
        break;
      case 'removed':
        break;
      default: {
        const unknown: never = change;
        throw new Error(`Unknown indicator change ${JSON.stringify(unknown)}`);
      }
    }
  }
  return { kind: 'unchanged', to: [code] };
}

function overallKind(from: string, to: readonly string[], kinds: ReadonlySet<IndicatorMappingKind>): IndicatorMappingKind {
  if (to.length === 0) return 'removed';
  if (to.length > 1) return 'split';
  if (kinds.has('merged') || kinds.has('split')) return 'merged';
  return to[0] === from ? 'unchanged' : 'renamed';
}

/**
 * Maps an indicator code of one catalogue version to the code(s) of another, forwards or backwards,
 * through every version in between. Undefined when `fromVersion` has no such code.
 */
export function mapIndicator(
  code: string,
  fromVersion: IndicatorCatalogueVersion,
  toVersion: IndicatorCatalogueVersion,
): IndicatorMapping | undefined {
  const from = normaliseIndicatorCode(code);
  if (!findIndicator(from, fromVersion)) return undefined;

  const start = indicatorCatalogueVersionIndex(fromVersion);
  const end = indicatorCatalogueVersionIndex(toVersion);
  const kinds = new Set<IndicatorMappingKind>();
  let codes: readonly string[] = [from];

  const follow = (step: (code: string, changes: readonly IndicatorChange[]) => Step, index: number): void => {
    const changes = EUTF_INDICATOR_CATALOGUE_VERSIONS[index]?.changesFromPrevious ?? [];
    const next = codes.flatMap((current) => {
      const result = step(current, changes);
      kinds.add(result.kind);
      return result.to;
    });
    codes = [...new Set(next)];
  };

  // Going forwards, version i's changes lead from i-1 to i; going backwards, from i to i-1.
  for (let index = start + 1; index <= end; index += 1) follow(stepForward, index);
  for (let index = start; index > end; index -= 1) follow(stepBackward, index);

  return { kind: overallKind(from, codes, kinds), from, fromVersion, toVersion, to: codes };
}
