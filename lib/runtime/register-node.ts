import { env } from '@/lib/env';

import { installClientAddressStamp } from './client-address-stamp';
import { startRuntime } from './start';

/** Runs once per server process, before it serves: a start that cannot succeed stops the process with the reason. */
try {
  installClientAddressStamp(env().TRUST_PROXY);
  const placement = { true: 'process', inline: 'inline', false: 'none' } as const;
  await startRuntime({ worker: placement[env().RUN_WORKER] });
} catch (error) {
  console.error(`\n[listport] Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
