import { execFile } from 'node:child_process';
import type { Stream } from 'node:stream';

// pdf-parse loads pdf.js's worker with a dynamic import, which Jest's module sandbox refuses; a
// plain Node process reads the PDF as any reader's tool would, and hands back what it found.
const READ_PDF = `
import { PDFParse } from 'pdf-parse';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
const { text } = await parser.getText();
const { info, total } = await parser.getInfo();
process.stdout.write(JSON.stringify({ text, pages: total, title: info?.Title ?? null, creationDate: info?.CreationDate ?? null }));
await parser.destroy();
`;

export interface PdfRead {
  /** The text, pages in order, each line on its own, framed by line breaks. */
  text: string;
  /** The same text with every run of white space (line and cell breaks) as one space: a phrase wrapped in a table cell reads whole. */
  flat: string;
  pages: number;
  title: string | null;
  /** As the PDF writes it: D:YYYYMMDDHHmmSSZ. */
  creationDate: string | null;
}

/** A PDF as pdf-parse reads it: its text and its document info. */
export function readPdf(pdf: Buffer): Promise<PdfRead> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', READ_PDF], { cwd: __dirname, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error);
      const read = JSON.parse(stdout) as Omit<PdfRead, 'flat'>;
      return resolve({ ...read, text: `\n${read.text}\n`, flat: read.text.replace(/\s+/g, ' ') });
    });
    child.stdin?.end(pdf);
  });
}

/** Supertest's parser for a binary body (a PDF, a workbook): the bytes as they came. */
export function binaryBody(response: Stream, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
