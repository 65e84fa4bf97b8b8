/** Changes made in the import wizard's review step, counted against the file as read. */
export type BrowserFixes = {
  cellsEdited: number;
  rowsDeleted: number;
  /** Values changed by replace-all, fixes of a group of problems, trims, dates and yes/no fixes, per column. */
  valuesReplaced: { column: string; count: number }[];
};
