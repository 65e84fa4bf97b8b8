/** Worker entry for the sandbox tests: serves the test-only scripts of testing/scripts/. */
import { serveTask } from '../sandbox/host';

serveTask({
  throws: () => import('./scripts/throws'),
  endless: () => import('./scripts/endless'),
  hog: () => import('./scripts/hog'),
  'timer-throws': () => import('./scripts/timer-throws'),
  counter: () => import('./scripts/counter'),
  'bad-declaration': async () => ({ description: '', inputs: [{ name: 'x', type: 'colour' }] }),
});
