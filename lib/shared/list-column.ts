import type { ColumnFormat } from './column-formats';
import type { DataType } from './data-types';

/** A column as stored: positions are 1-based and dense; `storage` is the SQL column that holds it. */
export type ListColumn = {
  name: string;
  dataType: DataType;
  position: number;
  isKey: boolean;
  keyPosition: number;
  required: boolean;
  maxLength?: number;
  pattern?: string;
  allowedValues?: string[];
  /** How files write the column's values (day/month dates, decimal commas…); values are stored canonically. */
  format?: ColumnFormat;
  storage: string;
};

/** The key's columns in key order. */
export function keyColumns(columns: readonly ListColumn[]): ListColumn[] {
  return columns.filter((c) => c.isKey).sort((a, b) => a.keyPosition - b.keyPosition);
}
