/** The worker thread's entry: every registered script is available; the task names the one to run. */
import { SCRIPT_LOADERS } from '../registry.generated';
import { serveTask } from './host';

serveTask(SCRIPT_LOADERS);
