/* A server component: it reads the database, so it lives beside the page, not in components/. */
import Link from 'next/link';

import { ScrollTable } from '@/components/ui/side-scroll';
import { keptRevisionBytesByList } from '@/db/queries/revisions';
import { env } from '@/lib/env';
import { formatBytes } from '@/lib/format-bytes';
import { plural } from '@/lib/shared/plural';

/** The admin page's view of what kept list versions cost in the workspace, largest lists first. */
export async function RevisionStorage({ workspaceId }: { workspaceId: string }) {
  const lists = await keptRevisionBytesByList(workspaceId);
  const total = lists.reduce((sum, l) => sum + l.bytes, 0);
  const { LIST_REVISIONS_KEPT: kept, LIST_REVISIONS_MAX_DAYS: days } = env();
  return (
    <section aria-labelledby="revision-storage-heading" className="card stack">
      <h2 id="revision-storage-heading">Kept list versions</h2>
      <p>
        {kept === 0
          ? 'No earlier versions of lists are kept (LIST_REVISIONS_KEPT=0).'
          : `Each list keeps its ${plural(kept, 'previous version')} for ${days} days, for comparing and restoring.`}{' '}
        {lists.length > 0 && (
          <>
            In this workspace they take <strong>{formatBytes(total)}</strong>
            {lists.length === 20 ? ' in the 20 largest lists' : ''}.
          </>
        )}
      </p>
      {lists.length > 0 && (
        <ScrollTable label="Storage per list">
          <table>
            <thead>
              <tr>
                <th scope="col">List</th>
                <th scope="col">Versions kept</th>
                <th scope="col">Storage</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((l) => (
                <tr key={l.listId}>
                  <td>
                    <Link href={`/lists/${l.listId}`}>{l.name}</Link>
                  </td>
                  <td>{l.versions}</td>
                  <td>{formatBytes(l.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}
