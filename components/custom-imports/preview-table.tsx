import { ScrollTable } from '@/components/ui/side-scroll';
import { plural } from '@/lib/shared/plural';

/** The records a custom import would load, as the server previewed them. */
export function PreviewTable({
  columns,
  rows,
  totalRows,
}: {
  columns: string[];
  rows: (string | number | boolean | null)[][];
  totalRows?: number;
}) {
  return (
    <ScrollTable label="Preview records">
      <table aria-label="Preview">
        <caption className="hint" style={{ textAlign: 'left', captionSide: 'bottom', paddingTop: '0.5rem' }}>
          {rows.length === 0
            ? 'No records.'
            : totalRows === undefined
              ? `Showing ${plural(rows.length, 'record')}.`
              : `Showing ${rows.length.toLocaleString('en-US')} of ${plural(totalRows, 'record')}.`}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((value, j) => (
                <td key={j}>{value === null || value === '' ? <span className="muted">—</span> : String(value)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
