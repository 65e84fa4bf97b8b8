export { TEST_INPUTS as inputs, preview } from './common';
export const description = 'Throws from a timer, outside the awaited flow.';

export async function* run() {
  setTimeout(() => {
    throw new Error('thrown from a timer');
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  yield { id: 1 };
}
