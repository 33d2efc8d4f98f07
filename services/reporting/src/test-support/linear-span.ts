/**
 * What a set of published sums gives away: the span of the equations (each a set of unknowns that
 * add up to a shown number), kept in reduced row echelon form. A sum of unknowns follows from what
 * is shown when it reduces to nothing — the differencing attacker of the suppression specs.
 */
export function spanOf<Unknown>(unknowns: readonly Unknown[], equations: ReadonlyArray<readonly Unknown[]>): { follows(of: readonly Unknown[]): boolean } {
  const index = new Map(unknowns.map((unknown, k) => [unknown, k]));
  const vector = (of: readonly Unknown[]) => {
    const row = new Array<number>(unknowns.length).fill(0);
    for (const unknown of of) row[index.get(unknown) as number] = 1;
    return row;
  };
  const basis: Array<{ pivot: number; row: number[] }> = [];
  const reduce = (row: number[]) => {
    for (const { pivot, row: base } of basis) {
      const factor = row[pivot] as number;
      if (Math.abs(factor) > 1e-9) row.forEach((value, m) => (row[m] = value - factor * (base[m] as number)));
    }
    return row;
  };
  for (const equation of equations) {
    const row = reduce(vector(equation));
    const pivot = row.findIndex((value) => Math.abs(value) > 1e-9);
    if (pivot === -1) continue;
    const scale = row[pivot] as number;
    const normal = row.map((value) => value / scale);
    for (const other of basis) {
      const factor = other.row[pivot] as number;
      if (Math.abs(factor) > 1e-9) other.row.forEach((value, m) => (other.row[m] = value - factor * (normal[m] as number)));
    }
    basis.push({ pivot, row: normal });
  }
  return { follows: (of) => reduce(vector(of)).every((value) => Math.abs(value) < 1e-9) };
}
