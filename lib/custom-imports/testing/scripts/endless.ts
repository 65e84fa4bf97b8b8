export { TEST_INPUTS as inputs, preview } from './common';
export const description = 'Never finishes: a synchronous endless loop only a terminated thread escapes.';

export function* run() {
  for (;;) {
    // busy
  }
}
