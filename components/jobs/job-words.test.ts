import { describe, expect, it } from 'vitest';

import { jobOutcomeWords, jobTitle } from './job-words';

describe('jobTitle', () => {
  it('names a custom import job by its script title, by its id for older jobs', () => {
    const job = { kind: 'custom' as const, customImportId: '0.0.1-excel-sheet', fileName: 'p.excel-sheet.csv' };
    expect(jobTitle({ ...job, customImportTitle: 'Excel workbook sheet → list' })).toBe(
      'Custom import “Excel workbook sheet → list”',
    );
    expect(jobTitle({ ...job, customImportTitle: null })).toBe('Custom import 0.0.1-excel-sheet');
  });

  it('says a failed or cancelled job loaded nothing, not "0 loaded", whatever it read', () => {
    const failed = { kind: 'import' as const, state: 'failed' as const, results: { recordCount: 0, rowsRead: 500 } };
    expect(jobOutcomeWords(failed)).toBe('nothing loaded');
    expect(jobOutcomeWords({ ...failed, kind: 'purge', state: 'cancelled' })).toBe('nothing removed');
    expect(jobOutcomeWords({ ...failed, state: 'completed' })).toBe('500 loaded');
  });

  it('names an import by the file the person chose', () => {
    expect(jobTitle({ kind: 'import', customImportId: null, fileName: 'x.csv', originalFileName: 'x.xlsx' })).toBe(
      'Import of x.xlsx',
    );
  });
});
