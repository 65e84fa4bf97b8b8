import type { InputValues, ScriptContext } from '../../types';

export { TEST_INPUTS as inputs, preview } from './common';
export const description = 'Yields `count` records (objects and arrays) and logs as it goes.';

export async function* run(values: InputValues, ctx: ScriptContext) {
  const count = 2500;
  ctx.log('INFO', `producing ${count} records`);
  for (let i = 1; i <= count; i++) {
    if (i % 1000 === 0) ctx.progress(i);
    yield i % 2 ? { id: i, name: `n${i}`, extra: 'x' } : [i, `n${i}`];
  }
}
