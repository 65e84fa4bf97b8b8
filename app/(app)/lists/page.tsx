import type { Metadata } from 'next';
import Link from 'next/link';
import { findLists } from '@/db/queries/lists';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'Lists' };

export default async function ListsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const user = await requireCurrentUser();
  const { q } = await searchParams;
  const workspace = user.workspace;
  const { items } = workspace
    ? await findLists([workspace.id], q ? { nameContains: q } : {}, { by: 'name', descending: false }, { start: 0, limit: 200 })
    : { items: [] };
  return (
    <div className="stack">
      <div className="row">
        <h1>Lists</h1>
        <span className="spacer" />
      </div>
      <form className="row" role="search">
        <label htmlFor="list-search" className="sr-only">
          Search lists by name
        </label>
        <input id="list-search" name="q" type="search" placeholder="Search by name" defaultValue={q ?? ''} />
        <button type="submit">Search</button>
      </form>
      {items.length === 0 ? (
        <div className="card empty">
          {q ? <p>No list matches “{q}”.</p> : <p>This workspace has no lists yet. An admin can create one through the API (POST /api/v1/lists).</p>}
        </div>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Columns</th>
              <th scope="col">Records</th>
              <th scope="col">State</th>
              <th scope="col">Modified</th>
            </tr>
          </thead>
          <tbody>
            {items.map((list) => (
              <tr key={list.id}>
                <td>
                  <Link href={`/lists/${list.id}`}>{list.name}</Link>
                  {list.description && <div className="hint">{list.description}</div>}
                </td>
                <td>{list.columns.length}</td>
                <td>{list.recordCount.toLocaleString('en-US')}</td>
                <td>
                  <span className="badge">{list.state}</span>
                </td>
                <td>{list.modifiedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
