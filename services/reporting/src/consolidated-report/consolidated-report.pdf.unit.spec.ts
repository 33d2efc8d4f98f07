import { writeFileSync } from 'node:fs';
import { readPdf } from '@eutf/testing';
import { consolidatedReportExample } from '../queries/consolidated-report.openapi';
import { financeExample, partnershipExample, projectExample, regionalProjectExample } from '../queries/reports.openapi';
import { buildConsolidatedReport, REPORT_COUNTRIES, type ConsolidatedReport, type Restatement } from './consolidated-report';
import { renderConsolidatedReportPdf } from './consolidated-report.pdf';
import { euros, number } from './consolidated-report.render';

const AS_OF = new Date('2017-07-15T09:00:00.000Z');

const restatement: Restatement = {
  basis: 'restatement',
  restates: { closureId: '2016-06-01_2017-06-30_v1', period: { from: '2016-06-01', to: '2017-06-30' }, version: 1, closedAt: '2017-07-15T09:00:00.000Z', contentHash: 'hash' },
  section: 'country',
  country: 'ML',
  figure: 'EUTF 2.2 (2025) approved',
  unit: 'people',
  frozenValue: 1_000,
  restatedValue: 1_250,
  note: null,
};

/** The example report, with figures of other countries whose names and sources need more than ASCII, and a restatement. */
const report: ConsolidatedReport = {
  ...consolidatedReportExample,
  otherCountries: [
    {
      country: { code: 'CI', name: 'Côte d’Ivoire' },
      reported: {
        inPeriod: [
          {
            ...(consolidatedReportExample.totals?.euSupport.reported.inPeriod[0] as ConsolidatedReport['countries'][number]['otherReported']['inPeriod'][number]),
            description: 'Retours volontaires – Sénégal, Timișoara',
            value: 1_234_567,
            unit: 'people',
            valueQualifier: 'more-than',
          },
        ],
        otherPeriods: [],
      },
    },
  ],
  restatements: [restatement],
};

describe('the consolidated report as PDF', () => {
  it('has every section, in the order of the report, a title with the period and the as-of, and page numbers', async () => {
    const pdf = await renderConsolidatedReportPdf(report, AS_OF);
    // To look at it: EUTF_PDF_OUT=/tmp/report.pdf, then pdftoppm -png /tmp/report.pdf /tmp/page.
    if (process.env['EUTF_PDF_OUT']) writeFileSync(process.env['EUTF_PDF_OUT'], pdf);
    const { text, flat, pages, title, creationDate } = await readPdf(pdf);
    expect([title, creationDate]).toEqual([report.title, 'D:20170715090000Z']);
    expect(flat).toContain(report.title);
    expect(text).toContain('1 June 2016 – 31 December 2017');
    expect(text).toContain('As of 15 July 2017, 09:00 UTC');
    const headings = ['Overview and totals', 'Niger', 'Mali', 'Nigeria', 'Senegal', 'Ethiopia', 'Regional cooperation', 'Regional dialogue', 'Other countries', 'Restatements of closed periods'];
    const positions = headings.map((heading) => text.indexOf(`\n${heading}\n`));
    expect(headings.filter((_heading, index) => (positions[index] ?? -1) < 0)).toEqual([]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(pages).toBeGreaterThan(5);
    for (const page of [1, pages]) expect(text).toContain(`Page ${page} of ${pages}`);
  });

  it('writes the figures of the JSON as the page does, labels computed, reported and restated ones, shows sources, and says "no data", never 0', async () => {
    const { flat: text } = await readPdf(await renderConsolidatedReportPdf(report, AS_OF));
    const totals = report.totals?.euSupport;
    expect(text).toContain(euros(totals?.euContribution.committedCents ?? Number.NaN));
    expect(text).toContain(euros(totals?.euContribution.paidCents ?? Number.NaN));
    const mali = report.countries.find((section) => section.country.code === 'ML');
    expect(text).toContain(euros(mali?.euSupport.euContribution.registeredCents ?? Number.NaN));
    for (const label of ['COMPUTED', 'REPORTED', 'RESTATEMENT']) expect(text).toContain(label);
    const reported = totals?.reported.inPeriod[0];
    expect(text).toContain(reported?.source.document);
    expect(text).toContain(reported?.reportedBy);
    // Niger's ledger holds nothing: "no data" where the committed amount would be.
    expect(text).toContain('no data');
    // Thousands separators, and the restatement's frozen value beside today's.
    expect(text).toContain(`more than ${number(1_234_567)} people`);
    expect(text).toContain('1,000 1,250 people');
  });

  it('shows accented letters, dashes, quotes and the euro sign of the WinAnsi set as they are, and a letter outside it without its accent', async () => {
    const { flat: text } = await readPdf(await renderConsolidatedReportPdf(report, AS_OF));
    expect(text).toContain('Côte d’Ivoire');
    expect(text).toContain('Retours volontaires – Sénégal, Timisoara');
    expect(text).toContain('€');
  });

  it('is the same bytes for the same report as of the same instant (a frozen report prints alike every time)', async () => {
    const [first, second] = await Promise.all([renderConsolidatedReportPdf(report, AS_OF), renderConsolidatedReportPdf(report, AS_OF)]);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.equals(second)).toBe(true);
  });
});

describe("a multi-country project in the consolidated report's PDF", () => {
  it("lists it in the participating country's section, under its EU support, with its lead; not in the lead country's", async () => {
    // Mali leads the South-South Cooperation Action; Senegal participates.
    const regional = buildConsolidatedReport({
      period: { from: '2016-06-01', to: '2017-12-31' },
      audience: { countries: [...REPORT_COUNTRIES], partner: null, whole: true },
      partnerships: [partnershipExample],
      projects: [projectExample, regionalProjectExample],
      funding: [financeExample],
      returns: [],
      reintegration: [],
      reportedFigures: [],
    });
    const { text, flat } = await readPdf(await renderConsolidatedReportPdf(regional, AS_OF));
    const heading = 'Multi-country projects led by another country';
    expect(flat.split(heading)).toHaveLength(2);
    const at = text.indexOf(heading);
    // Inside Senegal's section, after its EU support, before its results.
    const senegal = text.indexOf('\nSenegal\n');
    expect(senegal).toBeGreaterThan(text.indexOf('\nMali\n'));
    expect(at).toBeGreaterThan(senegal);
    expect(at).toBeLessThan(text.indexOf('\nEthiopia\n'));
    expect(at).toBeLessThan(text.indexOf('\nResults\n', senegal));
    expect(flat).toContain(`${regionalProjectExample.title} — EUTF reference pending · led by Mali · MA, CI, ML, SN`);
    expect(flat).toContain("Their amounts, funding and results count in the lead country's figures, not in these.");
  });
});
