/** Query-key factories: one place names each cached resource, so mutations invalidate precisely. */
export const queryKeys = {
  members: (workspaceId: string) => ['workspaces', workspaceId, 'members'] as const,
  invitations: (workspaceId: string) => ['workspaces', workspaceId, 'invitations'] as const,
  myInvitations: () => ['me', 'invitations'] as const,
  tokens: () => ['tokens'] as const,
  /** The audit log, and — with a page's `before` ('newest' for the first page) — one page of it. */
  audit: (page?: number | 'newest') => (page === undefined ? (['audit'] as const) : (['audit', page] as const)),
  /**
   * A list, and — as a key prefix — everything read from it: contents, revisions, diffs. A job that
   * ends changes them all, so invalidating this key refreshes every one (see useRefreshListWhenJobEnds).
   */
  list: (listId: string) => ['lists', listId] as const,
  contents: (listId: string, params: Record<string, unknown>) => ['lists', listId, 'contents', params] as const,
  revisions: (listId: string) => ['lists', listId, 'revisions'] as const,
  latestRevisions: (listId: string) => ['lists', listId, 'revisions', 'latest'] as const,
  revisionDiff: (listId: string, params: Record<string, unknown>) => ['lists', listId, 'diff', params] as const,
  job: (jobId: string) => ['jobs', jobId] as const,
  jobLogs: (jobId: string) => ['jobs', jobId, 'logs'] as const,
  jobErrors: (jobId: string, start: number) => ['jobs', jobId, 'errors', start] as const,
  webhooks: (workspaceId: string) => ['workspaces', workspaceId, 'webhooks'] as const,
  webhookDeliveries: (workspaceId: string, webhookId: string) =>
    ['workspaces', workspaceId, 'webhooks', webhookId, 'deliveries'] as const,
};
