import { getSql } from '@/db/client';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await getSql()`select 1`;
    return Response.json({ status: 'ok', database: 'ok' });
  } catch (error) {
    // The driver's text (host names, ports, user names) is for the server's log, not anonymous callers.
    console.error('[health] the database does not answer:', error instanceof Error ? error.message : error);
    return Response.json({ status: 'degraded', database: 'unavailable' }, { status: 503 });
  }
}
