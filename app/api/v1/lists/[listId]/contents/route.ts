import { getActiveJobForList } from '@/db/queries/jobs/job-reads';
import { getContentsPage } from '@/db/queries/list-contents';
import { getListById } from '@/db/queries/lists';
import { applyRowEdits } from '@/db/queries/row-edits';
import { contentsQuery, editContentsBody } from '@/lib/api-contract/lists';
import { auditAs } from '@/lib/audit/audit-as';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { readContentsQuery } from '@/lib/http/contents-query';
import { apiRoute } from '@/lib/http/handler';
import { jobConflict } from '@/lib/jobs/conflict';
import { validateRowEdits } from '@/lib/lists/row-edits';
import { loadListFor } from '@/lib/lists/server/access';
import { toListResource } from '@/lib/lists/server/resource';

type Params = { listId: string };

/** An answer lists this many problems at most: 10,000 items × 500 columns could have millions. */
const MAX_LISTED_PROBLEMS = 100;

/** Records with paging, `sortBy=<col>:ascending|descending` and filters (`col:op:value` or `eq(col,'v')`). */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const search = new URL(request.url).searchParams;
  const paging = contentsQuery.parse(Object.fromEntries(search));
  const { filters, sort } = readContentsQuery(search, list.columns);
  const { items, count } = await getContentsPage(list.dataTable, list.columns, {
    filters,
    ...(sort && { sort }),
    start: paging.start,
    limit: paging.limit,
  });
  return Response.json(collection(request, items, paging, count));
});

/**
 * Synchronous row edits: `?op=upsert` adds records (all columns) or updates the given columns of
 * existing ones; `?op=delete` removes records by key. All or nothing, same rules as imports.
 */
export const PUT = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'editor');
  const op = new URL(request.url).searchParams.get('op') ?? 'upsert';
  if (op !== 'upsert' && op !== 'delete')
    throw ApiError.badRequest(`op=${op} is not an operation.`, 'Use op=upsert or op=delete.');
  const { items } = await readJson(request, editContentsBody);
  const { edits, problems } = await validateRowEdits(items, list.columns, op);
  if (problems.length > 0) {
    throw new ApiError(
      400,
      ERROR_CODES.validation,
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the items; nothing was changed. First: ${problems[0]!.message}`,
      'Correct every item listed in details and send the request again.',
      [
        ...problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `${p.message} ${p.remediation}`),
        ...(problems.length > MAX_LISTED_PROBLEMS ? [`… and ${problems.length - MAX_LISTED_PROBLEMS} more.`] : []),
      ],
    );
  }
  const outcome = await applyRowEdits(list.id, list.dataTable, list.columns, op, edits, {
    userId: principal.userId,
    email: principal.email,
  });
  if (!outcome.ok) {
    if (outcome.reason === 'job-running') {
      const active = await getActiveJobForList(list.id);
      throw active
        ? jobConflict(active)
        : ApiError.conflict(
            ERROR_CODES.jobRunning,
            'A job is running on this list.',
            'Try again when it has finished.',
          );
    }
    if (outcome.reason === 'immutable') {
      throw ApiError.conflict(
        ERROR_CODES.listImmutable,
        `The list "${list.name}" is immutable and already loaded.`,
        'Create a new list for changed data.',
      );
    }
    if (outcome.reason === 'missing') {
      throw ApiError.badRequest(
        `${outcome.itemIndexes.length} item(s) update records that do not exist; nothing was changed.`,
        'To add a record, give all its required columns; to update one, use the key of an existing record.',
        outcome.itemIndexes.map(
          (i) => `Item ${i + 1}: no record with this key, and not all required columns are given.`,
        ),
      );
    }
    throw ApiError.notFound('The list');
  }
  await auditAs(principal, {
    workspaceId: list.workspaceId,
    action: `contents.${op}`,
    targetType: 'list',
    targetId: list.id,
    detail: { items: items.length, inserted: outcome.inserted, updated: outcome.updated, deleted: outcome.deleted },
  });
  const updated = await getListById(list.id);
  return Response.json(toListResource(updated ?? list));
});
