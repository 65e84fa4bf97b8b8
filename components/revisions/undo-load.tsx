'use client';

import { useQuery } from '@tanstack/react-query';

import { queryKeys } from '@/lib/api/query-keys';
import { listRevisions } from '@/lib/api/revisions';

import { RestoreRevisionButton } from './restore-revision-button';

const WHAT = { import: 'import', custom: 'import', purge: 'purge', restore: 'restore' } as const;

/**
 * On the page of a completed load that is still the list's latest revision: "Undo this import",
 * which restores the revision before it (when that is still kept).
 */
export function UndoLoad({ listId, kind, revision }: { listId: string; kind: keyof typeof WHAT; revision: number }) {
  const latest = useQuery({
    queryKey: queryKeys.latestRevisions(listId),
    queryFn: () => listRevisions(listId, 2),
  });
  const data = latest.data;
  if (!data || data.currentRevision !== revision || revision === 0) return null;
  const previous = data.items.find((r) => r.revision === revision - 1);
  const what = WHAT[kind];
  if (!previous?.kept) {
    return (
      <p className="hint">
        This {what} is the list’s latest change, but the version before it is no longer kept, so it cannot be undone
        here.
      </p>
    );
  }
  return (
    <div className="row">
      <span>
        This {what} is the list’s latest change (revision {revision}).
      </span>
      <RestoreRevisionButton
        listId={listId}
        revision={revision - 1}
        currentRevision={revision}
        label={`Undo this ${what}`}
        title={`Undo this ${what}?`}
      />
    </div>
  );
}
