/** A value longer than this may need more than two lines of a narrow column: it may be cut there. */
const LONG_VALUE = 24;

/**
 * A value in a narrow column, where a long one would make its row tall: a short one as it is; a long
 * one cut to two lines with an ellipsis (a CSS line clamp, `.two-lines`), so it shows as much as two
 * lines of the column hold, not a fixed number of characters. Its whole text stays in the page: a
 * screen reader reads it whole, and it is shown whole while it has the focus (a tap, or Tab).
 */
export function TwoLineValue({ value, className }: { value: string; className: string }) {
  if (value.length <= LONG_VALUE) return <span className={className}>{value}</span>;
  return (
    <span className={`${className} two-lines`} tabIndex={0}>
      {value}
    </span>
  );
}
