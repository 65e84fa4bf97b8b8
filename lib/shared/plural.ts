/** "1 row", "2 rows", "1,000 cells": a count and its noun, for words on screens. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
