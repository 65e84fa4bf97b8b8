import type { CellProblem, RowKey } from './review-types';

/**
 * One undoable step of the review: the value every cell it changed had before, and the state every
 * row it deleted, restored or re-shaped had before. Undoing writes those back; the write records
 * the values it overwrites, which is the step's redo.
 */
export class Change {
  readonly cellRows: number[] = [];
  readonly cellColumns: number[] = [];
  readonly oldValues: string[] = [];
  readonly aliveRows: number[] = [];
  readonly oldAlive: number[] = [];
  readonly raggedRows: number[] = [];
  readonly oldRagged: (number | undefined)[] = [];
  /** Each row the step changed, with the problems and key it had before (restored by undo, not recomputed). */
  readonly stateRows: number[] = [];
  readonly stateProblems: (CellProblem[] | undefined)[] = [];
  readonly stateKeys: (RowKey | undefined)[] = [];

  constructor(public label: string) {}

  get isEmpty(): boolean {
    return this.cellRows.length === 0 && this.aliveRows.length === 0 && this.raggedRows.length === 0;
  }

  /** What the step did, for the button that undoes or redoes it: "replace “N/A” (285 cells)". */
  describe(): string {
    const counts: string[] = [];
    if (this.cellRows.length > 1) counts.push(`${this.cellRows.length.toLocaleString('en-US')} cells`);
    if (this.aliveRows.length > 1) counts.push(`${this.aliveRows.length.toLocaleString('en-US')} rows`);
    return counts.length ? `${this.label} (${counts.join(', ')})` : this.label;
  }
}

/** What can be undone and redone now, and how many steps the current rows are away from the file. */
export type HistoryState = { undo: string | null; redo: string | null; steps: number };

/**
 * The undo and redo stacks. Only the last STEPS_KEPT steps can be undone: each keeps the old values
 * of the cells it changed, and a few hundred replaces over a 1,000,000-row file must not hold the
 * tab's memory. Steps dropped here stay in the session's log, so a resume still replays them.
 */
export class UndoLog {
  static readonly STEPS_KEPT = 100;
  private readonly undoSteps: Change[] = [];
  private readonly redoSteps: Change[] = [];
  /** Steps applied and not undone, including those too old to undo. */
  private applied = 0;

  push(change: Change): void {
    this.undoSteps.push(change);
    if (this.undoSteps.length > UndoLog.STEPS_KEPT) this.undoSteps.shift();
    this.redoSteps.length = 0;
    this.applied++;
  }

  takeUndo(): Change | undefined {
    const change = this.undoSteps.pop();
    if (change) this.applied--;
    return change;
  }

  takeRedo(): Change | undefined {
    const change = this.redoSteps.pop();
    if (change) this.applied++;
    return change;
  }

  /** The inverse of an undone step, ready to be redone. */
  pushRedo(change: Change): void {
    this.redoSteps.push(change);
  }

  /** The inverse of a redone step, ready to be undone again (without clearing the other redos). */
  pushUndoFromRedo(change: Change): void {
    this.undoSteps.push(change);
  }

  state(): HistoryState {
    return {
      undo: this.undoSteps.at(-1)?.describe() ?? null,
      redo: this.redoSteps.at(-1)?.describe() ?? null,
      steps: this.applied,
    };
  }
}
