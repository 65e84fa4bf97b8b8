import { isEmptyRecord, type RecordBatch } from '@/lib/csv/record-stream';

/**
 * Collects a CSV file's header and records as the wizard reviews them, with each record's row
 * number in the file (header = 1, blank lines counted), so that messages name the rows the user
 * sees in the file.
 */
export function createSourceRecords() {
  const records: string[][] = [];
  const fileRows: number[] = [];
  let headers: string[] | undefined;
  return {
    add(batch: Pick<RecordBatch, 'firstRow' | 'records'>) {
      for (let i = 0; i < batch.records.length; i++) {
        const record = batch.records[i]!;
        if (!headers) {
          // Blank lines above the header name no column: the header is the first row with a name in it.
          if (record.every((name) => name.trim() === '')) continue;
          headers = record.map((h) => h.trim());
          continue;
        }
        // A blank line or a line of delimiters only is not a record (see isEmptyRecord), as on the server.
        if (isEmptyRecord(record) && headers.length > 1) continue;
        records.push(record);
        fileRows.push(batch.firstRow + i);
      }
    },
    get count() {
      return records.length;
    },
    /** undefined until a header was read. */
    result(): { headers: string[]; records: string[][]; fileRows: number[] } | undefined {
      return headers && { headers, records, fileRows };
    },
  };
}
