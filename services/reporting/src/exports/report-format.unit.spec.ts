import { reportFormatOf } from './report-format';

describe('the format a report is answered in', () => {
  it('is the format parameter when given, whatever the Accept header says', () => {
    expect(reportFormatOf({ format: 'csv' }, 'text/html')).toBe('csv');
    expect(reportFormatOf({ format: 'html', from: '2016-06-01' }, undefined)).toBe('html');
  });

  it('is else the media type the Accept header prefers, JSON by default', () => {
    expect(reportFormatOf({}, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('html');
    expect(reportFormatOf({}, 'text/csv')).toBe('csv');
    expect(reportFormatOf({}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
    expect(reportFormatOf({}, 'application/pdf')).toBe('pdf');
    expect(reportFormatOf({ format: 'pdf' }, 'text/html')).toBe('pdf');
    expect(reportFormatOf({}, 'application/json, text/html;q=0.5')).toBe('json');
    expect(reportFormatOf({}, 'text/html;q=0.2, text/csv;q=0.9')).toBe('csv');
    expect(reportFormatOf({}, undefined)).toBe('json');
    expect(reportFormatOf({}, 'image/png')).toBe('json');
  });

  it('refuses an unknown format, naming the parameter', () => {
    expect(() => reportFormatOf({ format: 'docx' }, undefined)).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'query.format' })] }) }),
    );
  });
});
