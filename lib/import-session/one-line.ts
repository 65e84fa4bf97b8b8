/**
 * A value shown in a one-line cell: its spaces stay as written (they matter: "  Ken  " is not
 * "Ken"), but a line break would cut the cell to half a line, so each one is shown as ⏎.
 */
export function oneLine(value: string): string {
  return value.replace(/\r\n|\r|\n/g, '⏎');
}
