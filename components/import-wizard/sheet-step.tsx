'use client';

import { ScrollTable } from '@/components/ui/side-scroll';
import { columnLetter } from '@/lib/excel/sheet-rows';
import type { SheetPreviewRow, SheetSummary } from '@/lib/import-session/protocol';

import { ReadProgress, type ReadProgressFigures } from './read-progress';
import { formatBytes } from './read-step';
import { oneCellSheetWords, onlyCell, sheetSizeWords } from './sheet-words';

type Props = {
  file: File;
  sheets: SheetSummary[];
  sheet: string;
  headerRow: number;
  preview: SheetPreviewRow[] | undefined;
  onSheet: (sheet: string) => void;
  onHeaderRow: (row: number) => void;
  onRead: () => void;
  progress?: ReadProgressFigures;
  reading: boolean;
};

/**
 * Step 2 for an Excel workbook: which sheet, and which of its rows names the columns — shown on the
 * sheet's first rows, numbered as Excel numbers them — then read it.
 */
export function SheetStep(props: Props) {
  const width = Math.max(0, ...(props.preview ?? []).map((r) => r.texts.length));
  // A note alone on its sheet ("Exported from … on 1 Dec") is no header: there is nothing to import,
  // and the preview does not mark it as the column names.
  const note = props.preview && onlyCell(props.preview);
  const headerFound = note === undefined && props.preview?.some((r) => r.number === props.headerRow);
  return (
    <div className="stack">
      <p>
        <strong>{props.file.name}</strong>{' '}
        <span className="muted">({formatBytes(props.file.size)}, Excel workbook)</span>
      </p>
      <fieldset className="stack" disabled={props.reading}>
        <legend>Sheet to import</legend>
        {props.sheets.map((s) => (
          <label key={s.name} className="choice">
            <input
              type="radio"
              name="sheet"
              value={s.name}
              checked={props.sheet === s.name}
              onChange={() => props.onSheet(s.name)}
            />
            <span>
              {s.name}
              <span className="hint">
                {sheetSizeWords(s)}
                {s.hidden ? ' (hidden in Excel)' : ''}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="row fields">
        <div className="field">
          <label htmlFor="header-row">Row with the column names</label>
          <input
            id="header-row"
            type="number"
            min={1}
            max={1_048_576}
            value={props.headerRow}
            onChange={(e) => props.onHeaderRow(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
            disabled={props.reading}
            aria-describedby="header-row-hint"
            style={{ width: '7rem' }}
          />
          <span id="header-row-hint" className="hint">
            As Excel numbers it. Rows above it (titles, notes) are left out.
          </span>
        </div>
        <button type="button" className="primary" onClick={props.onRead} disabled={props.reading || !props.sheet}>
          {props.reading ? 'Reading…' : 'Read sheet'}
        </button>
      </div>
      {props.preview && props.preview.length === 0 && (
        <p className="alert warn" role="status">
          Sheet “{props.sheet}” has no cells. Choose another sheet.
        </p>
      )}
      {note !== undefined && (
        <p className="alert warn" role="status">
          {oneCellSheetWords(props.sheet, note)} Choose the sheet with your records.
        </p>
      )}
      {props.preview && props.preview.length > 0 && (
        <ScrollTable label={`First rows of sheet ${props.sheet}`}>
          <table>
            <caption className="hint" style={{ textAlign: 'left' }}>
              First rows of “{props.sheet}”{headerFound ? ` — row ${props.headerRow} (marked) names the columns` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                {Array.from({ length: width }, (_, i) => (
                  <th key={i} scope="col">
                    {columnLetter(i)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.preview.map((row) => {
                const isHeader = headerFound && row.number === props.headerRow;
                return (
                  <tr key={row.number} aria-current={isHeader ? 'true' : undefined}>
                    <th scope="row">
                      {row.number}
                      {isHeader && <span className="badge completed"> column names</span>}
                    </th>
                    {Array.from({ length: width }, (_, i) => (
                      <td key={i} style={isHeader ? { fontWeight: 600 } : undefined}>
                        {row.texts[i] ?? ''}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {props.reading && props.progress && <ReadProgress progress={props.progress} />}
    </div>
  );
}
