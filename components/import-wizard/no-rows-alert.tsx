import { oneCellSheetWords } from './sheet-words';

/**
 * The map step's warning when a file was read with no rows under its header. A sheet whose only cell
 * was read as its header holds a note ("Exported from … on 1 Dec"), not a column name: it is said so.
 */
export function NoRowsAlert({ headers, sheet }: { headers: readonly string[]; sheet: string | undefined }) {
  const named = headers.filter((header) => header.trim() !== '');
  return (
    <p className="alert warn" role="alert">
      {sheet !== undefined && named.length === 1 ? (
        <>
          <strong>{oneCellSheetWords(sheet, named[0]!)}</strong> Go back and choose the sheet with your records.
        </>
      ) : (
        <>
          <strong>The file has only its header row: there are no rows to import.</strong> Go back and choose a file with
          rows below its header.
        </>
      )}
    </p>
  );
}
