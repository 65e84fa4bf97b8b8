import type { Metadata } from 'next';
import Link from 'next/link';

import { JobsTable } from '@/components/jobs/jobs-table';
import { findJobs } from '@/db/queries/jobs/job-reads';
import { findLists } from '@/db/queries/lists';
import { JOB_STATES, type JobState } from '@/db/schema';
import { requireCurrentUser } from '@/lib/session/current-user';
import { isUuid } from '@/lib/shared/ids';

export const metadata: Metadata = { title: 'Jobs' };

const PAGE_SIZE = 50;

type Search = { listId?: string; state?: string; user?: string; from?: string; to?: string; page?: string };

export default async function JobsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireCurrentUser();
  const search = await searchParams;
  const page = Math.max(0, Number(search.page ?? 0) || 0);
  const state = JOB_STATES.includes(search.state as JobState) ? (search.state as JobState) : undefined;
  const from = search.from ? new Date(`${search.from}T00:00:00Z`) : undefined;
  const to = search.to ? new Date(`${search.to}T23:59:59.999Z`) : undefined;
  const workspaceIds = user.workspace ? [user.workspace.id] : [];
  const [{ items, count }, { items: lists }] = await Promise.all([
    findJobs(
      {
        workspaceIds,
        ...(search.listId && isUuid(search.listId) && { listId: search.listId }),
        ...(state && { state }),
        ...(search.user && { createdBy: search.user.trim() }),
        ...(from && !Number.isNaN(from.getTime()) && { from }),
        ...(to && !Number.isNaN(to.getTime()) && { to }),
      },
      { start: page * PAGE_SIZE, limit: PAGE_SIZE },
    ),
    findLists(workspaceIds, {}, { by: 'name', descending: false }, { start: 0, limit: 500 }),
  ]);
  const link = (p: number) =>
    `/jobs?${new URLSearchParams({ ...Object.fromEntries(Object.entries(search).filter(([, v]) => v)), page: String(p) })}`;
  return (
    <div className="stack">
      <h1>Jobs</h1>
      <form className="toolbar" aria-label="Filter jobs">
        <div className="field">
          <label htmlFor="job-list">List</label>
          <select id="job-list" name="listId" defaultValue={search.listId ?? ''}>
            <option value="">All lists</option>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="job-state">State</label>
          <select id="job-state" name="state" defaultValue={state ?? ''}>
            <option value="">Any state</option>
            {JOB_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="job-user">Started by (email)</label>
          <input id="job-user" name="user" type="email" defaultValue={search.user ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="job-from">From</label>
          <input id="job-from" name="from" type="date" defaultValue={search.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="job-to">To</label>
          <input id="job-to" name="to" type="date" defaultValue={search.to ?? ''} />
        </div>
        <button type="submit">Filter</button>
        <Link href="/jobs">Clear</Link>
      </form>
      <JobsTable
        jobs={items}
        emptyText={
          Object.values(search).some(Boolean)
            ? 'No job matches these filters.'
            : 'No jobs yet. Imports and purges of this workspace’s lists will appear here.'
        }
      />
      <div className="row">
        <span className="hint">
          {count === 0
            ? ''
            : `${page * PAGE_SIZE + 1}–${Math.min(count, (page + 1) * PAGE_SIZE)} of ${count.toLocaleString('en-US')}`}
        </span>
        {page > 0 && <Link href={link(page - 1)}>← Newer</Link>}
        {(page + 1) * PAGE_SIZE < count && <Link href={link(page + 1)}>Older →</Link>}
      </div>
    </div>
  );
}
