import { csvCell, csvLine } from './csv';

describe('CSV cells', () => {
  it('never hand a spreadsheet a formula from a text field', () => {
    expect(csvCell('=HYPERLINK("https://attacker.example","Click")')).toBe(`"'=HYPERLINK(""https://attacker.example"",""Click"")"`);
    for (const start of ['+', '-', '@', '\t']) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(csvCell('\r1+1')).toBe(`"'\r1+1"`);
  });

  it('quote commas, quotes and line breaks (a carriage return too), and write numbers as they are', () => {
    expect(csvLine(['Mali, Niger', 'a "b"', 'one\rtwo', -1500, null])).toBe('"Mali, Niger","a ""b""","one\rtwo",-1500,');
  });
});
