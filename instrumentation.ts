export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startRuntime } = await import('./lib/runtime/start');
  try {
    await startRuntime({ worker: process.env.RUN_WORKER !== 'false' });
  } catch (error) {
    console.error(`\n[listport] Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
