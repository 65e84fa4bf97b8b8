'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { queryKeys } from '@/lib/api/query-keys';
import { listRevisions, revisionCsvUrl, type Revision } from '@/lib/api/revisions';
import { formatBytes } from '@/lib/format-bytes';

import { RestoreRevisionButton } from './restore-revision-button';
import { RevisionDiff } from './revision-diff';

type Column = { name: string; isKey: boolean };

const n = (count: number) => count.toLocaleString('en-US');

/**
 * What made a revision, in words: an import named by the file the person chose (as its job page
 * names it), not by the CSV the import wizard made from it.
 */
export function revisionTitle(
  r: Pick<Revision, 'kind' | 'fileName' | 'restoredRevision'> & { originalFileName?: string | null },
): string {
  switch (r.kind) {
    case 'created':
      return 'List created';
    case 'import':
      return `Import of ${r.originalFileName ?? r.fileName ?? 'a file'}`;
    case 'custom':
      return `Custom import${r.fileName ? ` (${r.fileName})` : ''}`;
    case 'purge':
      return 'Purge';
    case 'rowEdit':
      return 'Records edited';
    case 'restore':
      return `Restore of revision ${r.restoredRevision ?? '?'}`;
  }
}

function changeSummary(r: Revision): string {
  if (r.kind === 'created') return r.recordCount > 0 ? `${n(r.recordCount)} records before history began` : 'empty';
  const { new: added, updated, removed } = r.counts;
  return `${n(added)} new, ${n(updated)} updated, ${n(removed)} removed`;
}

/**
 * The list's History: revisions as a timeline (who, when, what), the diff of any kept revision
 * against the one before, and "Restore this version" for editors.
 */
export function RevisionHistory({
  listId,
  columns,
  canRestore,
}: {
  listId: string;
  columns: Column[];
  canRestore: boolean;
}) {
  const history = useQuery({
    queryKey: queryKeys.revisions(listId),
    queryFn: () => listRevisions(listId, 50),
  });
  const [shown, setShown] = useState<number>();

  if (history.error) return <ErrorMessage error={history.error} />;
  if (!history.data) return <p role="status">Loading the history…</p>;
  const { items, currentRevision, keptBytes } = history.data;
  const kept = new Set(items.filter((r) => r.kept).map((r) => r.revision));
  const keptCount = kept.size - 1;
  return (
    <div className="stack">
      <p className="hint">
        {keptCount > 0
          ? `The ${keptCount === 1 ? 'previous version is' : `${keptCount} previous versions are`} kept and can be compared or restored; ${keptCount === 1 ? 'it takes' : 'they take'} ${formatBytes(keptBytes)}.`
          : 'No earlier version is kept yet: each load from now on keeps the one it replaces.'}
      </p>
      {items.length === 0 ? (
        <p className="empty">No loads yet.</p>
      ) : (
        <ol className="revision-timeline" aria-label="Revisions, newest first">
          {items.map((r) => {
            const comparable = r.revision > 0 && kept.has(r.revision) && kept.has(r.revision - 1);
            return (
              <li key={r.revision} aria-current={r.current ? 'true' : undefined}>
                <div className="row">
                  <strong>
                    Revision {r.revision}: {revisionTitle(r)}
                  </strong>
                  {r.current && <span className="badge completed">current</span>}
                  {!r.kept && <span className="badge">contents no longer kept</span>}
                </div>
                <p className="hint">
                  <LocalTime value={r.creationTimeStamp} /> · {r.createdBy || 'unknown'} · {changeSummary(r)} ·{' '}
                  {n(r.recordCount)} records
                  {r.jobId && (
                    <>
                      {' '}
                      · {/* Every revision has this link: its name says which one, in a list of the page's links. */}
                      <Link
                        className="revision-line-link"
                        href={`/jobs/${r.jobId}`}
                        aria-label={`View job of revision ${r.revision}`}
                      >
                        View job
                      </Link>
                    </>
                  )}
                  {r.originalFileName && r.fileName && <LoadedFile revision={r} />}
                </p>
                <div className="row">
                  {comparable && (
                    <button
                      type="button"
                      aria-expanded={shown === r.revision}
                      aria-controls={shown === r.revision ? `diff-${r.revision}` : undefined}
                      onClick={() => setShown(shown === r.revision ? undefined : r.revision)}
                    >
                      {shown === r.revision ? 'Hide changes' : 'What changed'}
                    </button>
                  )}
                  {r.kept && r.recordCount === 0 && (
                    <span className="hint">
                      {r.current
                        ? 'Nothing to download yet: the list is empty.'
                        : 'Nothing to download: the list was empty.'}
                    </span>
                  )}
                  {r.kept && r.recordCount > 0 && (
                    <a
                      className="button"
                      href={revisionCsvUrl(listId, r.revision)}
                      aria-label={`Download CSV of revision ${r.revision}`}
                      download
                    >
                      Download CSV
                    </a>
                  )}
                  {canRestore && r.kept && !r.current && (
                    <RestoreRevisionButton
                      listId={listId}
                      revision={r.revision}
                      currentRevision={currentRevision}
                      label="Restore this version…"
                      title={`Restore revision ${r.revision}?`}
                    />
                  )}
                </div>
                {shown === r.revision && (
                  <div id={`diff-${r.revision}`}>
                    <RevisionDiff listId={listId} revision={r.revision} compareTo={r.revision - 1} columns={columns} />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

/** " · loaded as customers (as loaded).csv": the CSV the wizard made, downloadable while the job keeps it. */
function LoadedFile({ revision }: { revision: Revision }) {
  const file = revision.links.find((l) => l.rel === 'file');
  return (
    <>
      {' '}
      · loaded as{' '}
      {file ? (
        <a className="revision-line-link" href={file.href} download>
          {revision.fileName}
        </a>
      ) : (
        revision.fileName
      )}
    </>
  );
}
