import type { ListValue, ScriptRecord } from './types';

type Column = ListValue['columns'][number];

export type RecordShaper = {
  /** A script's record as CSV field values in list column order (what the CSV import then validates). */
  shape(record: ScriptRecord): string[];
  /** Record keys that name no list column (ignored), in the order first seen. */
  unknownFields(): string[];
};

/**
 * Scripts yield records in whatever shape is natural to them; this turns each into the text a CSV
 * export of the same data would hold, so the CSV import's validators decide what is loaded. Nothing
 * is coerced to fit: a wrong value stays wrong and is reported with its row and column.
 */
export function createRecordShaper(columns: readonly Column[]): RecordShaper {
  const byName = new Map<string, number>();
  columns.forEach((c, i) => byName.set(c.name, i));
  const folded = new Map<string, number>();
  columns.forEach((c, i) => folded.set(c.name.trim().toLowerCase(), i));
  const unknown = new Set<string>();

  const indexOf = (key: string): number | undefined => byName.get(key) ?? folded.get(key.trim().toLowerCase());

  return {
    shape(record) {
      if (Array.isArray(record)) {
        // Arrays keep their length: a record with too many or too few values is reported as such.
        return record.map((value, i) => formatValue(value, columns[i]));
      }
      const fields = new Array<string>(columns.length).fill('');
      for (const [key, value] of Object.entries(record)) {
        const index = indexOf(key);
        if (index === undefined) {
          if (unknown.size < 50) unknown.add(key);
          continue;
        }
        fields[index] = formatValue(value, columns[index]);
      }
      return fields;
    },
    unknownFields: () => [...unknown],
  };
}

export function formatValue(value: unknown, column: Column | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'Invalid Date';
    const iso = value.toISOString();
    return column?.dataType === 'date' ? iso.slice(0, 10) : iso;
  }
  return JSON.stringify(value);
}
