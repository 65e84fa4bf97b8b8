import type { Metadata } from 'next';
import { findJobs } from '@/db/queries/jobs';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'Jobs' };

export default async function JobsPage() {
  const user = await requireCurrentUser();
  const { items } = user.workspace ? await findJobs({ workspaceIds: [user.workspace.id] }, { start: 0, limit: 100 }) : { items: [] };
  return (
    <div className="stack">
      <h1>Jobs</h1>
      {items.length === 0 ? (
        <div className="card empty">
          <p>No jobs yet. Imports and purges of this workspace’s lists will appear here.</p>
        </div>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Kind</th>
              <th scope="col">List</th>
              <th scope="col">File</th>
              <th scope="col">State</th>
              <th scope="col">Records</th>
              <th scope="col">Errors</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {items.map((job) => (
              <tr key={job.id}>
                <td>{job.createdAt.toISOString().slice(0, 19).replace('T', ' ')} UTC</td>
                <td>{job.kind}</td>
                <td>{job.listName ?? <span className="muted">(deleted list)</span>}</td>
                <td>{job.fileName ?? '—'}</td>
                <td>
                  <span className={`badge ${job.state}`}>{job.state}</span>
                </td>
                <td>{(job.results.rowsRead ?? job.results.recordCount ?? 0).toLocaleString('en-US')}</td>
                <td>{job.totalErrors}</td>
                <td>{job.createdByEmail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
