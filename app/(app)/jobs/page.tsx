import type { Metadata } from 'next';
import Link from 'next/link';

import { JobsTable } from '@/components/jobs/jobs-table';
import { ReaderZoneField } from '@/components/jobs/reader-zone-field';
import { findJobs } from '@/db/queries/jobs/job-reads';
import { findLists } from '@/db/queries/lists';
import { JOB_STATES, type JobState } from '@/db/schema';
import { isTimeZone, wallClockMs, zonedWallClockToInstant } from '@/lib/formats/time-zones';
import { requireCurrentUser } from '@/lib/session/current-user';
import { isUuid } from '@/lib/shared/ids';

export const metadata: Metadata = { title: 'Jobs' };

const PAGE_SIZE = 50;

type Search = {
  listId?: string;
  state?: string;
  user?: string;
  from?: string;
  to?: string;
  tz?: string;
  page?: string;
};

export default async function JobsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireCurrentUser();
  const search = await searchParams;
  const page = Math.max(0, Number(search.page ?? 0) || 0);
  const state = JOB_STATES.includes(search.state as JobState) ? (search.state as JobState) : undefined;
  // From and To are days in the reader's zone (sent by the form), as the table's times are.
  const zone = search.tz && isTimeZone(search.tz) ? search.tz : 'UTC';
  const dayStart = (day: string | undefined, later = 0) => {
    const [y, m, d] = (/^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '') ?? []).slice(1).map(Number);
    return y && m && d ? new Date(zonedWallClockToInstant(zone, wallClockMs(y, m, d + later))) : undefined;
  };
  const from = dayStart(search.from);
  const nextDay = dayStart(search.to, 1);
  const to = nextDay && new Date(nextDay.getTime() - 1);
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
        <ReaderZoneField />
        <button type="submit">Filter</button>
        <Link href="/jobs">Clear</Link>
      </form>
      <JobsTable
        jobs={items}
        emptyText={
          Object.entries(search).some(([k, v]) => v && k !== 'tz' && k !== 'page')
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
