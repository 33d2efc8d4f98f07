import PDFDocument from 'pdfkit';
import { dayMonthYear } from '../factsheet/country-factsheet.render';

export const PDF_MEDIA_TYPE = 'application/pdf';

/** Whether a figure is computed by the system, stated by a source, or a restatement of a closed period: every figure block says which. */
export type Basis = 'computed' | 'reported' | 'restatement';

/** One block of a printable report, in reading order. */
export type PdfBlock =
  | { kind: 'heading'; level: 2 | 3 | 4; text: string; basis?: Basis; newPage?: boolean }
  | { kind: 'paragraph'; text: string; tone?: 'plain' | 'none' | 'apart' | 'legend'; basis?: Basis }
  | { kind: 'list'; items: readonly string[] }
  /** `numeric`: the columns aligned right (figures); `widths`: each column's share of the page's width. */
  | { kind: 'table'; header: readonly string[]; rows: ReadonlyArray<readonly string[]>; numeric?: readonly number[]; widths?: readonly number[]; tone?: 'reported' | 'apart' };

/** A report as pages: a title, the lines under it (period, as-of), its blocks. */
export interface PrintableReport {
  title: string;
  /** Under the title: the period, the as-of, who the report is for. */
  subtitle: string[];
  /**
   * The instant the report's figures are as of. It is the document's CreationDate (and so its
   * file id) too, so the same report as of the same instant is the same bytes.
   */
  asOf: Date;
  blocks: PdfBlock[];
}

const BLUE = '#003399';
const GREY = '#555555';
const BASIS_COLOURS: Record<Basis, { fill: string; text: string }> = {
  computed: { fill: '#e3ebff', text: BLUE },
  reported: { fill: '#fff1d6', text: '#7a4b00' },
  restatement: { fill: '#f3e3ff', text: '#5a1a7a' },
};
/** Code points pdfkit's standard fonts encode beyond Latin-1 (WinAnsi's 0x80–0x9F). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SUBSTITUTES: Record<string, string> = { '\u2212': '-', '\u2010': '-', '\u2011': '-', '\u202f': ' ', '\u2009': ' ', '\u2007': ' ', '≥': '>=', '≤': '<=', '→': '->', '←': '<-' };

/**
 * Text the built-in Helvetica can show. Its encoding is WinAnsi: Latin-1 and a few more (–, —, €,
 * “ ” ’ …) show as they are; a letter outside it loses its accent where that gives one inside
 * (ș → s, ł stays "?"), anything else becomes "?", never a wrong glyph.
 */
export function pdfText(text: string): string {
  let shown = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(character) || character === '\n') shown += character;
    else if (SUBSTITUTES[character] !== undefined) shown += SUBSTITUTES[character];
    else {
      const base = character.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      shown += base.length > 0 && [...base].every((part) => (part.codePointAt(0) ?? 0) < 0x7f) ? base : code === 0x09 ? ' ' : '?';
    }
  }
  return shown;
}

const A4_MARGIN = 50;

/** Renders a printable report as an A4 PDF in Helvetica (no font file needed), page numbers in the footer. Pure: the same report gives the same bytes. */
export function renderPdf(report: PrintableReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: A4_MARGIN,
    bufferPages: true,
    info: { Title: pdfText(report.title), Author: 'EUTF monitoring', Creator: 'EUTF monitoring', Producer: 'EUTF monitoring', CreationDate: report.asOf, ModDate: report.asOf },
    displayTitle: true,
    lang: 'en-GB',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * A4_MARGIN;
  const bottom = () => doc.page.height - A4_MARGIN;
  // A heading is never left alone at the foot of a page.
  const keepWithNext = (space: number) => {
    if (doc.y + space > bottom()) doc.addPage();
  };
  const basisLabel = (basis: Basis, size: number) => {
    const label = basis.toUpperCase();
    doc.font('Helvetica-Bold').fontSize(size * 0.72);
    const labelWidth = doc.widthOfString(label) + 6;
    const { fill, text } = BASIS_COLOURS[basis];
    const y = doc.y;
    doc.rect(A4_MARGIN, y, labelWidth, size).fill(fill);
    doc.fillColor(text).text(label, A4_MARGIN + 3, y + size * 0.18, { lineBreak: false });
    doc.x = A4_MARGIN + labelWidth + 4;
    doc.y = y;
  };

  doc.font('Helvetica-Bold').fontSize(17).fillColor('#1b1b1b').text(pdfText(report.title), { width });
  doc.moveTo(A4_MARGIN, doc.y + 3).lineTo(A4_MARGIN + width, doc.y + 3).lineWidth(2).strokeColor(BLUE).stroke();
  doc.moveDown(0.6);
  doc.font('Helvetica').fontSize(10).fillColor(GREY);
  for (const line of report.subtitle) doc.text(pdfText(line), { width });
  doc.moveDown(0.5);

  for (const block of report.blocks) {
    doc.x = A4_MARGIN;
    if (block.kind === 'heading') {
      const size = { 2: 14, 3: 11.5, 4: 9.5 }[block.level];
      if (block.newPage) doc.addPage();
      else doc.moveDown(block.level === 2 ? 0.9 : 0.5);
      // Room for the heading, a line that may introduce a table, and the table's header and first row.
      keepWithNext(110);
      if (block.basis) basisLabel(block.basis, size);
      doc.font('Helvetica-Bold').fontSize(size).fillColor(block.level === 2 ? BLUE : '#1b1b1b');
      doc.text(pdfText(block.text), doc.x, doc.y, { width: width - (doc.x - A4_MARGIN) });
      if (block.level === 2) doc.moveTo(A4_MARGIN, doc.y + 1).lineTo(A4_MARGIN + width, doc.y + 1).lineWidth(0.6).strokeColor('#9999aa').stroke();
      doc.moveDown(0.3);
    } else if (block.kind === 'paragraph') {
      const tone = block.tone ?? 'plain';
      // A line introducing a table (tone "apart") stays with its header and first row.
      keepWithNext(tone === 'apart' ? 70 : 24);
      if (block.basis) basisLabel(block.basis, 10);
      doc.font(tone === 'none' ? 'Helvetica-Oblique' : 'Helvetica').fontSize(tone === 'legend' || tone === 'apart' ? 8.5 : 9.5);
      doc.fillColor(tone === 'none' ? '#777777' : tone === 'apart' ? '#6a5a3a' : '#1b1b1b');
      doc.text(pdfText(block.text), doc.x, doc.y, { width: width - (doc.x - A4_MARGIN) });
      doc.moveDown(0.3);
    } else if (block.kind === 'list') {
      doc.font('Helvetica').fontSize(9.5).fillColor('#1b1b1b');
      doc.list(block.items.map(pdfText), { width: width - 12, bulletRadius: 1.6, textIndent: 10, bulletIndent: 2 });
      doc.moveDown(0.3);
    } else {
      keepWithNext(60);
      const numeric = new Set(block.numeric ?? []);
      const shares = block.widths ?? block.header.map(() => 1);
      const total = shares.reduce((sum, share) => sum + share, 0);
      const background = block.tone === 'reported' ? '#fffaf0' : block.tone === 'apart' ? '#f7f5f0' : undefined;
      doc.font('Helvetica').fontSize(8).fillColor('#1b1b1b');
      doc.table({
        position: { x: A4_MARGIN, y: doc.y },
        columnStyles: shares.map((share, index) => ({ width: (width * share) / total, align: { x: numeric.has(index) ? 'right' : 'left', y: 'top' } })),
        defaultStyle: { border: { bottom: 0.5, top: 0, left: 0, right: 0 }, borderColor: '#cccccc', padding: [2.5, 3, 2.5, 3] },
        rowStyles: (row) => (row === 0 ? { backgroundColor: '#eef0f5' } : background ? { backgroundColor: background } : undefined),
        data: [
          block.header.map((text) => ({ text: pdfText(text), type: 'TH' as const, font: { src: 'Helvetica-Bold', size: 8 } })),
          ...block.rows.map((cells) => cells.map((text) => ({ text: pdfText(text), font: { src: 'Helvetica', size: 8 } }))),
        ],
      });
      doc.moveDown(0.4);
    }
  }

  // Page numbers, once the number of pages is known; written inside the bottom margin, so the margin is lifted for them.
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(GREY);
    doc.text(`Page ${index + 1} of ${count}`, A4_MARGIN, doc.page.height - 32, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

/** "4 December 2026, 19:20 UTC": the instant a report's figures are as of. */
export const asOfInWords = (asOf: Date) => `${dayMonthYear(asOf.toISOString().slice(0, 10))}, ${asOf.toISOString().slice(11, 16)} UTC`;
