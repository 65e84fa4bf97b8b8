import { PROBLEM_CODES, type Problem } from '@/lib/csv/problem';
import { keyColumns, type ListColumn } from '@/lib/shared/list-column';
import type { RowEdit, RowEditOp } from '@/lib/shared/row-edit';
import { timeSlicer } from '@/lib/time-slice';

import { compileRecordValidator } from './record-validator';

export const MAX_ROW_EDIT_ITEMS = 10_000;

/**
 * Validates `PUT …/contents` items with the same per-value rules as an import. Items name columns
 * by their list names; text values are read in the column's format, JSON-typed values (numbers,
 * booleans) as what they are.
 */
export async function validateRowEdits(
  items: readonly Record<string, unknown>[],
  columns: readonly ListColumn[],
  op: RowEditOp,
): Promise<{ edits: RowEdit[]; problems: Problem[] }> {
  const validator = compileRecordValidator(columns);
  // A JSON number or boolean is a value, not text in the column's format: 1.234 is never 1234.
  const canonical = compileRecordValidator(columns.map(({ format: _format, ...column }) => column));
  const byName = new Map(columns.map((c, index) => [c.name, index]));
  const keys = keyColumns(columns);
  const problems: Problem[] = [];
  const edits: RowEdit[] = [];
  const seenKeys = new Set<string>();

  // Up to 10,000 items, each value checked against its column's pattern: other requests get a turn.
  const slicer = timeSlicer();
  for (const [itemIndex, item] of items.entries()) {
    if (slicer.due()) await slicer.pause();
    const label = `Item ${itemIndex + 1}`;
    const values = new Map<ListColumn, string | null>();
    let valid = true;
    for (const [name, raw] of Object.entries(item ?? {})) {
      const index = byName.get(name);
      if (index === undefined) {
        problems.push(
          editProblem(
            PROBLEM_CODES.headerMismatch,
            `${label}: the list has no column "${name}".`,
            `Use the column names ${columns.map((c) => c.name).join(', ')}.`,
            name,
          ),
        );
        valid = false;
        continue;
      }
      const column = columns[index]!;
      if (op === 'delete' && !column.isKey) continue;
      const refusal = scalarProblem(raw, column);
      if (refusal) {
        problems.push(
          editProblem(
            PROBLEM_CODES.invalidInteger,
            `${label}: "${name}" ${refusal}`,
            'Send each value as a string, number, boolean or null.',
            name,
          ),
        );
        valid = false;
        continue;
      }
      const text = raw === null || raw === undefined ? '' : String(raw);
      const typed = typeof raw === 'number' || typeof raw === 'boolean';
      const result = (typed ? canonical : validator).checkValue(index, text, itemIndex + 1);
      if ('problem' in result) {
        problems.push({
          ...result.problem,
          message: result.problem.message.replace(/^Row \d+/, label),
          remediation: result.problem.remediation.replace(/on row \d+/, `in item ${itemIndex + 1}`),
        });
        valid = false;
      } else {
        values.set(column, result.value);
      }
    }
    const missingKeys = keys.filter((k) => !values.has(k) || values.get(k) === null);
    if (missingKeys.length > 0 && valid) {
      problems.push(
        editProblem(
          PROBLEM_CODES.requiredEmpty,
          `${label} has no value for the key column${missingKeys.length > 1 ? 's' : ''} ${missingKeys.map((k) => `"${k.name}"`).join(', ')}.`,
          'Every item must name the record it changes by its key columns.',
        ),
      );
      valid = false;
    }
    if (!valid) continue;
    const key = keys.map((k) => values.get(k) ?? null);
    const keyText = JSON.stringify(key);
    if (seenKeys.has(keyText)) {
      problems.push(
        editProblem(
          PROBLEM_CODES.duplicateKey,
          `${label} repeats the key ${key.join(' / ')} of an earlier item.`,
          'Send each record once per request.',
        ),
      );
      continue;
    }
    seenKeys.add(keyText);
    // An item with every column adds (or replaces) a record; with some columns it updates an existing one.
    const complete = columns.every((c) => values.has(c));
    edits.push({ key, values, complete, itemIndex });
  }
  return { edits, problems };
}

/** Values are scalars; a JSON number past 2^53 has already lost digits, so it must come as a string. */
function scalarProblem(raw: unknown, column: ListColumn): string | undefined {
  if (raw !== null && raw !== undefined && typeof raw === 'object')
    return 'must be a single value, not an object or a list.';
  if (typeof raw === 'string' && raw.includes('\0'))
    return 'contains a NUL character (\\0), which no list can store: remove it.';
  if (typeof raw === 'number' && column.dataType === 'integer' && !Number.isSafeInteger(raw)) {
    return 'is a whole number too large for JSON numbers: send it as a string (e.g. "9007199254740993") so no digit is lost.';
  }
  return undefined;
}

function editProblem(errorCode: number, message: string, remediation: string, column?: string): Problem {
  return { errorCode, message, remediation, ...(column !== undefined && { column }) };
}
