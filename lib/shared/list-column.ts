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
