import { groupRows, parseGroupId } from './problem-groups';
import type { CellProblem, RowFilter } from './review-types';
import type { RowKeys } from './row-keys';

/**
 * The row lists the grid pages through, in row order: the rows not deleted, the rows with a
 * problem, and those with a problem in one column. The last two are built on first use from the
 * few rows with problems and dropped whenever a row's problems or key change.
 */
export class RowViews {
  /** The rows not deleted. */
  visible: Int32Array = new Int32Array(0);
  private errorRows: Int32Array | undefined;
  private readonly byColumn = new Map<number, Int32Array>();
  private readonly byGroup = new Map<string, Int32Array>();

  constructor(
    private readonly problems: ReadonlyMap<number, readonly CellProblem[]>,
    private readonly keys: RowKeys,
  ) {}

  /** Rebuilds the visible rows after rows were deleted or restored. */
  rebuild(alive: Uint8Array): void {
    let count = 0;
    for (let r = 0; r < alive.length; r++) if (alive[r]) count++;
    const view = new Int32Array(count);
    let v = 0;
    for (let r = 0; r < alive.length; r++) if (alive[r]) view[v++] = r;
    this.visible = view;
    this.invalidate();
  }

  invalidate(): void {
    this.errorRows = undefined;
    if (this.byColumn.size > 0) this.byColumn.clear();
    if (this.byGroup.size > 0) this.byGroup.clear();
  }

  /** The rows with a problem of their own or a key another row has. */
  errors(): Int32Array {
    if (this.errorRows) return this.errorRows;
    // From the few rows with problems, not a pass over every row: the view is in row order, so sort.
    const rows = new Set<number>(this.problems.keys());
    for (const key of this.keys.duplicates) for (const r of this.keys.holdersOf(key)) rows.add(r);
    this.errorRows = Int32Array.from(rows).sort();
    return this.errorRows;
  }

  /** The rows with problems as a mask over every row. */
  errorMask(rowCount: number): Uint8Array {
    const mask = new Uint8Array(rowCount);
    for (const r of this.errors()) mask[r] = 1;
    return mask;
  }

  filtered(filter: RowFilter): Int32Array {
    if (filter === false) return this.visible;
    if (filter === true) return this.errors();
    if ('group' in filter) {
      let rows = this.byGroup.get(filter.group);
      if (!rows) {
        const { column, code } = parseGroupId(filter.group);
        rows = Int32Array.from(groupRows({ problems: this.problems, keys: this.keys }, column, code));
        this.byGroup.set(filter.group, rows);
      }
      return rows;
    }
    let rows = this.byColumn.get(filter.column);
    if (!rows) {
      const found: number[] = [];
      for (const [r, list] of this.problems) if (list.some((p) => p.column === filter.column)) found.push(r);
      rows = Int32Array.from(found).sort();
      this.byColumn.set(filter.column, rows);
    }
    return rows;
  }

  /** Where a row stands among the visible rows; 0 when it is not one of them. */
  position(rowIndex: number): number {
    const view = this.visible;
    let low = 0;
    let high = view.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const value = view[mid]!;
      if (value === rowIndex) return mid;
      if (value < rowIndex) low = mid + 1;
      else high = mid - 1;
    }
    return 0;
  }
}
