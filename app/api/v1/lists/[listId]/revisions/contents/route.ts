import { getContentsPage } from '@/db/queries/list-contents';
import { diffRevisions, KeysDiffer } from '@/db/queries/revision-diffs';
import { revisionDiffsQuery } from '@/lib/api-contract/revisions';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { readQuery } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { readContentsQuery } from '@/lib/http/contents-query';
import { apiRoute } from '@/lib/http/handler';
import { admittedRead } from '@/lib/http/record-reads';
import { loadListFor } from '@/lib/lists/server/access';
import { parseRevisionNumber, revisionSource } from '@/lib/lists/server/revision-source';

type Params = { listId: string };

export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const query = readQuery(request, revisionDiffsQuery);
  const revision = parseRevisionNumber(query.revision);
  const after = await revisionSource(list, revision);
  if (query.diffs === 'false') {
    const search = new URL(request.url).searchParams;
    const { filters, sort } = readContentsQuery(search, after.columns);
    const { items, count } = await admittedRead(principal, request.signal, () =>
      getContentsPage(after.table, after.columns, {
        filters,
        ...(sort && { sort }),
        start: query.start,
        limit: query.limit,
      }),
    );
    return Response.json({ ...collection(request, items, query, count), revision });
  }
  const compareTo = query.compareTo === undefined ? revision - 1 : parseRevisionNumber(query.compareTo, 'compareTo');
  if (compareTo < 0) {
    throw ApiError.badRequest(
      'Revision 0 is the list as created: there is no earlier revision to compare it with.',
      'Give compareTo, or compare a later revision.',
    );
  }
  const before = await revisionSource(list, compareTo);
  try {
    const { counts, items } = await admittedRead(principal, request.signal, () =>
      diffRevisions(after, before, {
        ...(query.change && { change: query.change }),
        start: query.start,
        limit: query.limit,
      }),
    );
    const count = query.change ? counts[query.change] : counts.added + counts.removed + counts.changed;
    return Response.json({ revision, compareTo, counts, ...collection(request, items, query, count) });
  } catch (error) {
    if (!(error instanceof KeysDiffer)) throw error;
    throw ApiError.conflict(
      ERROR_CODES.revisionColumnsChanged,
      `Revisions ${compareTo} and ${revision} have different key columns: their records cannot be matched.`,
      'Compare revisions made with the same key columns.',
    );
  }
});
