import { getListById } from '@/db/queries/lists';
import { applyRowEdits } from '@/db/queries/row-edits';
import type { List } from '@/db/schema';
import { auditAs } from '@/lib/audit/audit-as';
import type { Principal } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { runningJobConflict } from '@/lib/jobs/conflict';
import { validateRowEdits } from '@/lib/lists/row-edits';
import { plural } from '@/lib/shared/plural';
import type { RowEditOp } from '@/lib/shared/row-edit';

/** An answer lists this many problems at most: 10,000 items × 500 columns could have millions. */
const MAX_LISTED_PROBLEMS = 100;

/**
 * `PUT …/contents`: adds, updates or removes records, all or nothing, by the same rules as an
 * import, audited. Every item is validated before anything changes. `list` comes from
 * `loadListFor(principal, id, 'editor')`: the route checks access before it reads the body.
 * Returns the list as it is after the edits.
 */
export async function editListRows(
  principal: Principal,
  list: List,
  op: RowEditOp,
  items: readonly Record<string, unknown>[],
): Promise<List> {
  const { edits, problems } = await validateRowEdits(items, list.columns, op);
  if (problems.length > 0) {
    throw new ApiError(
      400,
      ERROR_CODES.validation,
      `${plural(problems.length, 'problem')} in the items; nothing was changed. First: ${problems[0]!.message}`,
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
    if (outcome.reason === 'job-running') throw await runningJobConflict(list);
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
  return (await getListById(list.id)) ?? list;
}
