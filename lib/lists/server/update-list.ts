import { updateList } from '@/db/queries/lists';
import type { List } from '@/db/schema';
import { auditAs } from '@/lib/audit/audit-as';
import type { Principal } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { runningJobConflict, throwIfJobRunning } from '@/lib/jobs/conflict';
import { normalizeColumns, sameColumns } from '@/lib/lists/columns';
import type { UpdateListInput } from '@/lib/lists/list-input';

/**
 * Changes a list's name, description, label, state, immutability or columns, audited. Columns change
 * only while the list has no records and no job holds it. `list` comes from
 * `loadListFor(principal, id, 'admin')`: the route checks access before it reads the body.
 */
export async function updateListAs(principal: Principal, list: List, input: UpdateListInput): Promise<List> {
  const columns = input.columns ? normalizeColumns(input.columns) : undefined;
  // The columns sent back unchanged (a client that PUTs the whole list) are no change: no rebuild.
  const columnsChange = columns && !sameColumns(columns, list.columns) ? columns : undefined;
  if (columnsChange) await throwIfJobRunning(list);
  const result = await updateList(
    list,
    {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.label !== undefined && { label: input.label }),
      ...(input.state !== undefined && { state: input.state }),
      ...(input.isImmutable !== undefined && { isImmutable: input.isImmutable }),
      ...(columnsChange && { columns: columnsChange }),
    },
    principal.userId,
  );
  if (result === 'has-contents') {
    throw ApiError.conflict(
      ERROR_CODES.hasContents,
      `The columns of "${list.name}" cannot change while it has ${list.recordCount} records.`,
      'Purge the list first (POST …/purgeJobs), then change its columns, or create a new list.',
    );
  }
  if (result === 'job-running') throw await runningJobConflict(list);
  if (result === 'name-taken') {
    throw ApiError.conflict(
      ERROR_CODES.nameTaken,
      `A list named "${input.name}" already exists in this workspace.`,
      'Choose another name.',
    );
  }
  await auditAs(principal, {
    workspaceId: list.workspaceId,
    action: 'list.update',
    targetType: 'list',
    targetId: list.id,
    detail: { fields: Object.keys(input) },
  });
  return result;
}
