import { addTableSheet, COUNT, DAY, dateCell, EUROS, eurosOfCents, reportWorkbook, workbookBuffer, type SheetColumn } from '../exports/xlsx';
import type { CountryFactsheet, EutfIndicatorTotal } from './country-factsheet';
import { factsheetResults, returnReasonInWords } from './country-factsheet.render';

const column = (header: string, width: number, format?: string): SheetColumn => ({ header, width, ...(format ? { format } : {}) });
const amountColumn = (header: string) => column(header, 16, EUROS);
const TOTAL_COLUMNS = [column('EUTF indicator', 16), column('Catalogue', 10), column('Unit', 18), column('Approved', 14, COUNT), column('Qualifier', 11), column('Added up', 10)];
const totalRow = (total: EutfIndicatorTotal, addedUp: boolean) => [total.code, total.catalogueVersion, total.unit, total.total, total.qualifier, addedUp ? 'yes' : 'no'];
const datedColumns = [column('Date', 12, DAY), column('Description', 100)];

/**
 * The factsheet as a workbook: a cover sheet, then a sheet per section of the factsheet — the
 * projects with the funding ledger (euros), the multi-country projects another country leads
 * (listed only), the results (counts, periods as dates), the totals per
 * EUTF indicator, the partners' returns figures, and the engagement, progress, measures and next
 * steps. Numbers are numbers; an empty cell is "no data" (or a suppressed count), never 0.
 */
export async function renderFactsheetXlsx(factsheet: CountryFactsheet): Promise<Buffer> {
  const { country, period, euSupport, results } = factsheet;
  const workbook = reportWorkbook(`${country.name} — action and progress under the Migration Partnership Framework`, period, [
    ['Country', `${country.name} (${country.code})${country.priority ? ', priority country of the Partnership Framework' : ''}`],
    ['Amounts', 'In euros. An empty amount is "no data" (the funding ledger holds nothing) or "not known" (no EU contribution registered), never 0; an empty count of people is suppressed (a small cell).'],
  ]);
  addTableSheet(
    workbook,
    'Projects',
    [column('Project id', 28), column('EUTF reference', 22), column('Title', 60), column('Window', 8), column('Implementing partners', 24), amountColumn('EU contribution'), column('Adopted on', 12, DAY), column('Status', 14), amountColumn('Committed'), amountColumn('Contracted'), amountColumn('Paid')],
    euSupport.projects.map((project) => [
      project.projectId,
      project.reference,
      project.title,
      project.window,
      project.implementingPartners.join(', '),
      eurosOfCents(project.euContributionCents),
      dateCell(project.adoptedOn),
      project.status,
      eurosOfCents(project.finance.committedCents),
      eurosOfCents(project.finance.contractedCents),
      eurosOfCents(project.finance.paidCents),
    ]),
  );
  // Listed, not counted: their amounts and results are in the lead country's workbook.
  addTableSheet(
    workbook,
    'Led by another country',
    [column('Project id', 28), column('EUTF reference', 22), column('Title', 60), column('Lead country', 10), column('Lead country name', 20), column('Countries', 20), column('Status', 14)],
    euSupport.ledByAnotherCountry.map((project) => [project.projectId, project.reference, project.title, project.leadCountry.code, project.leadCountry.name, project.countries.join(', '), project.status]),
  );
  addTableSheet(
    workbook,
    'Results',
    [
      column('Project id', 28), column('EUTF reference', 22), column('Project', 50), column('Indicator', 50), column('EUTF indicator', 12), column('Period from', 12, DAY), column('Period to', 12, DAY),
      column('Value', 14, COUNT), column('Qualifier', 11), column('Unit', 16), column('Baseline', 12, COUNT), column('Target', 12, COUNT), column('Status', 20), column('Counted in period', 10), column('Return reason', 40),
    ],
    factsheetResults(factsheet).map(({ line, counted }) => [
      line.projectId, line.reference, line.projectTitle, line.indicator, line.eutfIndicator, dateCell(line.period.from), dateCell(line.period.to),
      line.value, line.valueQualifier, line.unit, line.baseline, line.target, line.status, counted ? 'yes' : 'no', returnReasonInWords(line) || null,
    ]),
  );
  addTableSheet(workbook, 'EUTF indicators', TOTAL_COLUMNS, [...results.byEutfIndicator.map((total) => totalRow(total, true)), ...results.byEutfIndicatorNotMapped.map((total) => totalRow(total, false))]);
  addTableSheet(
    workbook,
    'Returns and reintegration',
    [column('Figure', 50), column('Partner', 12), column('Project id', 28), column('Period from', 12, DAY), column('Period to', 12, DAY), column('People', 12, COUNT), column('Qualifier', 11), column('Source', 40)],
    results.returnsAndReintegration.map((figure) => [
      figure.what, figure.partner, figure.projectId, dateCell(figure.period.from), dateCell(figure.period.to), figure.count, figure.valueQualifier, figure.source ? `${figure.source.document}${figure.source.page !== null ? `, p. ${figure.source.page}` : ''}` : null,
    ]),
  );
  addTableSheet(workbook, 'High level engagement', datedColumns, factsheet.highLevelEngagement.map((entry) => [dateCell(entry.date), entry.description]));
  addTableSheet(workbook, 'Key progress', datedColumns, factsheet.keyProgress.map((entry) => [dateCell(entry.date), entry.description]));
  addTableSheet(workbook, 'EU support measures', [...datedColumns, amountColumn('Amount')], euSupport.measures.map((measure) => [dateCell(measure.date), measure.description, eurosOfCents(measure.amountCents)]));
  addTableSheet(workbook, 'Next steps', [column('Due', 12, DAY), column('Description', 100), column('Completed on', 12, DAY)], factsheet.nextSteps.map((step) => [dateCell(step.dueDate), step.description, dateCell(step.completedOn)]));
  return workbookBuffer(workbook);
}
