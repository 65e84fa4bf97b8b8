/**
 * A workspace's record with the caller's membership of that workspace, or undefined when there is no
 * record or it is another workspace's: the two must look the same, so that a caller learns nothing
 * of other workspaces' ids. The one access check of pages and the API (findMemberList, findMemberJob).
 */
export function withMembership<R extends { workspaceId: string }, M extends { id: string }>(
  record: R | undefined,
  memberships: readonly M[],
): { record: R; membership: M } | undefined {
  const membership = record && memberships.find((m) => m.id === record.workspaceId);
  return record && membership ? { record, membership } : undefined;
}
