export { TEST_INPUTS as inputs, preview } from './common';
export const description = 'Throws after producing two records.';

export async function* run() {
  yield { id: 1 };
  yield { id: 2 };
  throw new Error('The source system answered 503 Service Unavailable');
}
