import { listAuditEvents } from '@/db/queries/audit';
import { auditQuery } from '@/lib/api-contract/audit';
import { workspaceIdsWithRole } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';
import { readQuery } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';

/**
 * The audit log a page at a time, newest first: `before` (the `nextBefore` of the page read
 * before) keeps only older events, `start` are skipped, `limit` come. The `next` link and
 * `nextBefore` name the next page by its cursor, never by a count a new event would shift.
 */
export const GET = apiRoute(async ({ request, principal }) => {
  const adminOf = workspaceIdsWithRole(principal, 'admin');
  if (adminOf.length === 0 && !principal.isInstanceAdmin)
    throw ApiError.forbidden('Only admins can read the audit log.');
  const query = readQuery(request, auditQuery);
  const { items, count } = await listAuditEvents(principal.isInstanceAdmin ? 'all' : adminOf, query);
  const oldest = items.at(-1);
  const nextBefore = oldest && query.start + items.length < count ? oldest.id : undefined;
  const cursor = nextBefore === undefined ? undefined : { before: String(nextBefore) };
  const page = collection(request, items, query, count, cursor);
  return Response.json({ ...page, nextBefore });
});
