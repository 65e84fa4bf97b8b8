export { TEST_INPUTS as inputs, preview } from './common';
export const description = 'Keeps allocating until the heap limit stops it.';

export function* run() {
  const keep: string[][] = [];
  for (;;) keep.push(new Array(100_000).fill('x'.repeat(10) + keep.length));
}
