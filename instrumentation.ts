export async function register() {
  // The Node.js server only: the edge runtime has no database, files or child processes.
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./lib/runtime/register-node');
}
