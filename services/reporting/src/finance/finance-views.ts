import type { FinanceDoc } from '../read-models/finance.projection';
import { leadCountryOf } from '../read-models/project-register.projection';
import { fundingFigures } from './funding-figures';
import { csvCell } from '../exports/csv';

export const FINANCE_DIMENSIONS = ['project', 'country', 'window', 'partner'] as const;
export type FinanceDimension = (typeof FINANCE_DIMENSIONS)[number];

/** The figures of one row of a finance view, in euro cents; absorption is paid ÷ contracted (null when nothing is contracted). */
export interface FinanceFigures {
  committedCents: number;
  contractedCents: number;
  requestedCents: number;
  paidCents: number;
  recoveredCents: number;
  expenditureCents: number;
  absorptionRate: number | null;
}

export interface FinanceRow extends FinanceFigures {
  dimension: FinanceDimension;
  key: string;
  projects: number;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * What one project adds to a row of each dimension. A commitment belongs to the project, not to a
 * partner: partner rows count only what is contracted with that partner. A project in several
 * countries counts in its lead country's row only: the EUTF does not split its amounts by country,
 * and counting it whole in each would add it up twice.
 */
function contributions(doc: FinanceDoc, dimension: FinanceDimension): Array<{ key: string; figures: Omit<FinanceFigures, 'absorptionRate'> }> {
  const contracts = (partner?: string) => doc.contracts.filter((contract) => partner === undefined || contract.partnerOrg === partner);
  const figures = (partner?: string) => ({
    committedCents: partner === undefined ? doc.committedCents : 0,
    contractedCents: sum(contracts(partner).map((contract) => contract.contractedCents)),
    requestedCents: sum(contracts(partner).map((contract) => contract.requestedCents)),
    paidCents: sum(contracts(partner).map((contract) => contract.paidCents)),
    recoveredCents: sum(contracts(partner).map((contract) => contract.recoveredCents)),
    expenditureCents: sum(contracts(partner).map((contract) => contract.expenditureCents)),
  });
  switch (dimension) {
    case 'project':
      return [{ key: doc.projectId, figures: figures() }];
    case 'country':
      // Until its registration arrives, the ledger does not know the project's countries: no country row.
      return doc.countries.length === 0 ? [] : [{ key: leadCountryOf(doc), figures: figures() }];
    case 'window':
      return [{ key: doc.window ?? 'unknown', figures: figures() }];
    case 'partner':
      return [...new Set(doc.contracts.map((contract) => contract.partnerOrg))].map((partner) => ({ key: partner, figures: figures(partner) }));
    default: {
      const unexpected: never = dimension;
      return unexpected;
    }
  }
}

/**
 * A finance view: per-project documents rolled up by one dimension, in key order. A project the
 * ledger holds nothing of (registered, never committed) is left out: in a row it would read as
 * nothing committed, where there is no data.
 */
export function buildFinanceView(docs: readonly FinanceDoc[], dimension: FinanceDimension): FinanceRow[] {
  const rows = new Map<string, FinanceRow>();
  for (const doc of docs.filter((candidate) => fundingFigures(candidate).committedCents !== null)) {
    for (const { key, figures } of contributions(doc, dimension)) {
      const row = rows.get(key) ?? { dimension, key, projects: 0, committedCents: 0, contractedCents: 0, requestedCents: 0, paidCents: 0, recoveredCents: 0, expenditureCents: 0, absorptionRate: null };
      rows.set(key, {
        ...row,
        projects: row.projects + 1,
        committedCents: row.committedCents + figures.committedCents,
        contractedCents: row.contractedCents + figures.contractedCents,
        requestedCents: row.requestedCents + figures.requestedCents,
        paidCents: row.paidCents + figures.paidCents,
        recoveredCents: row.recoveredCents + figures.recoveredCents,
        expenditureCents: row.expenditureCents + figures.expenditureCents,
      });
    }
  }
  return [...rows.values()]
    .map((row) => ({ ...row, absorptionRate: row.contractedCents > 0 ? row.paidCents / row.contractedCents : null }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

const CSV_COLUMNS = ['dimension', 'key', 'projects', 'committedCents', 'contractedCents', 'requestedCents', 'paidCents', 'recoveredCents', 'expenditureCents', 'absorptionRate'] as const;

/** The view as CSV, amounts in euro cents as the API gives them. */
export function renderFinanceCsv(rows: readonly FinanceRow[]): string {
  return [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column] as string | number | null)).join(','))].join('\n') + '\n';
}
