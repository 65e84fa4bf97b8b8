import { getSql } from '@/db/client';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await getSql()`select 1`;
    return Response.json({ status: 'ok', database: 'ok' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return Response.json({ status: 'degraded', database: 'unavailable', reason }, { status: 503 });
  }
}
