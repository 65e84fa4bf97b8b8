import type { Metadata } from 'next';
import Link from 'next/link';

import { ListStateBadge } from '@/components/lists/list-state-badge';
import { LocalTime } from '@/components/ui/local-time';
import { ScrollTable } from '@/components/ui/side-scroll';
import { latestImportsForLists } from '@/db/queries/jobs/job-reads';
import { findLists, type ListSort } from '@/db/queries/lists';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'Lists' };

const SORTS: Record<string, { by: ListSort; descending: boolean; label: string }> = {
  name: { by: 'name', descending: false, label: 'Name' },
  recent: { by: 'modifiedTimeStamp', descending: true, label: 'Recently changed' },
  records: { by: 'recordCount', descending: true, label: 'Most records' },
};

export default async function ListsPage({ searchParams }: { searchParams: Promise<{ q?: string; sort?: string }> }) {
  const user = await requireCurrentUser();
  const { q, sort: sortKey } = await searchParams;
  const sort = SORTS[sortKey ?? 'name'] ?? SORTS.name!;
  const workspace = user.workspace;
  const { items } = workspace
    ? await findLists([workspace.id], q ? { nameContains: q } : {}, sort, { start: 0, limit: 500 })
    : { items: [] };
  const lastImports = await latestImportsForLists(items.map((l) => l.id));
  // Every list starts "developing": the column only appears once a list is deployed.
  const anyDeployed = items.some((l) => l.state === 'deployed');
  const isAdmin = workspace?.role === 'admin';
  return (
    <div className="stack">
      <div className="row">
        <h1 style={{ margin: 0 }}>Lists</h1>
        <span className="spacer" />
        {isAdmin && (
          <Link className="button primary" href="/lists/new">
            New list
          </Link>
        )}
      </div>
      <form className="toolbar" role="search">
        <div className="field">
          <label htmlFor="list-search">Search by name</label>
          <input id="list-search" name="q" type="search" defaultValue={q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="list-sort">Sort by</label>
          <select id="list-sort" name="sort" defaultValue={sortKey ?? 'name'}>
            {Object.entries(SORTS).map(([key, s]) => (
              <option key={key} value={key}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      {items.length === 0 ? (
        <div className="card empty">
          {q ? (
            <p>No list matches “{q}”.</p>
          ) : (
            <>
              <p>This workspace has no lists yet.</p>
              {isAdmin ? (
                <p>
                  <Link href="/lists/new">Create the first list</Link> — define its columns, or start from a CSV file’s
                  header.
                </p>
              ) : (
                <p>An admin of this workspace can create one.</p>
              )}
            </>
          )}
        </div>
      ) : (
        <ScrollTable label="Lists">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Columns</th>
                <th scope="col">Records</th>
                <th scope="col">Last import</th>
                {anyDeployed && <th scope="col">In use</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((list) => {
                const last = lastImports.get(list.id);
                return (
                  <tr key={list.id}>
                    <td>
                      <Link href={`/lists/${list.id}`}>{list.name}</Link>
                      {list.description && <div className="hint">{list.description}</div>}
                    </td>
                    <td>{list.columns.length}</td>
                    <td>{list.recordCount.toLocaleString('en-US')}</td>
                    <td>
                      {last ? (
                        <Link href={`/jobs/${last.id}`}>
                          <LocalTime value={last.createdAt} />{' '}
                          <span className={`badge ${last.state}`}>{last.state}</span>
                        </Link>
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                    {anyDeployed && (
                      <td>
                        <ListStateBadge state={list.state} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </div>
  );
}
