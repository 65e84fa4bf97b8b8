import type { Problem } from '@/lib/csv/problem';
import { compileRecordValidator } from '@/lib/lists/record-validator';
import type { ListColumn } from '@/lib/shared/list-column';

import { createRecordShaper } from '../records';
import type { ListValue, Message, Preview, ScriptRecord } from '../types';

const MAX_PROBLEM_MESSAGES = 10;

/**
 * The standard preview: the first records as the list will receive them, checked with the list's
 * own validators (the same ones the job runs), so problems show before anything is submitted.
 * `row` is the record's row in the loaded file (the header is row 1).
 */
export function recordsPreview(
  list: ListValue,
  records: readonly { row: number; record: ScriptRecord; source?: string }[],
  totalRows: number | undefined,
  messages: Message[] = [],
): Preview {
  const shaper = createRecordShaper(list.columns);
  const validator = compileRecordValidator(list.columns.map((c) => ({ ...c, storage: '' }) as ListColumn));
  const problems: Problem[] = [];
  const rows = records.map(({ row, record, source }) => {
    const fields = shaper.shape(record);
    validator.validate(fields, row, problems);
    return [source ?? String(row), ...fields];
  });
  const out: Message[] = [...messages];
  for (const problem of problems.slice(0, MAX_PROBLEM_MESSAGES)) {
    out.push({
      status: 'ERROR',
      title: problem.column ? `Row ${problem.row}, ${problem.column}` : `Row ${problem.row}`,
      message: `${problem.message} ${problem.remediation}`,
    });
  }
  if (problems.length > MAX_PROBLEM_MESSAGES) {
    out.push({
      status: 'ERROR',
      title: 'More problems',
      message: `${problems.length - MAX_PROBLEM_MESSAGES} more problem(s) in the previewed rows.`,
    });
  }
  if (problems.length > 0) {
    out.push({
      status: 'WARN',
      title: 'The job would fail',
      message:
        'Records with problems are not loaded, and one problem stops the whole load. Fix the source and preview again.',
    });
  }
  return {
    columns: ['Row', ...list.columns.map((c) => c.name)],
    rows,
    ...(totalRows !== undefined && { totalRows }),
    messages: out,
  };
}
