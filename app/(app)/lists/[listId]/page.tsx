import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { JobsTable } from '@/components/jobs/jobs-table';
import { ContentsGrid } from '@/components/lists/contents-grid';
import { DeleteListButton } from '@/components/lists/delete-list-button';
import { EditList } from '@/components/lists/edit-list';
import { ListStateBadge } from '@/components/lists/list-state-badge';
import { PurgeButton } from '@/components/lists/purge-button';
import { RevisionHistory } from '@/components/revisions/revision-history';
import { ScrollTable } from '@/components/ui/side-scroll';
import { findJobs } from '@/db/queries/jobs/job-reads';
import { describeFormat, hasEffect } from '@/lib/formats/column-format';
import { findMemberList } from '@/lib/lists/server/access';
import { typeWords } from '@/lib/lists/type-words';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'List' };

export default async function ListPage({ params }: { params: Promise<{ listId: string }> }) {
  const { listId } = await params;
  const user = await requireCurrentUser();
  const found = await findMemberList(user.memberships, listId);
  if (!found) notFound();
  const { list, membership } = found;
  const { items: jobs } = await findJobs(
    { workspaceIds: [list.workspaceId], listId: list.id },
    { start: 0, limit: 10 },
  );
  const canEdit = membership.role !== 'viewer';
  return (
    <div className="stack">
      <p>
        <Link href="/lists">← Lists</Link>
      </p>
      <div className="row">
        <h1 style={{ margin: 0 }}>{list.name}</h1>
        <ListStateBadge state={list.state} explain />
        <span className="spacer" />
        {canEdit && (
          <Link className="button primary" href={`/lists/${list.id}/import`}>
            Import…
          </Link>
        )}
        {/* An empty list has nothing to purge: the Records section below says so and offers an import. */}
        {canEdit && list.recordCount > 0 && (
          <PurgeButton listId={list.id} listName={list.name} recordCount={list.recordCount} />
        )}
        {membership.role === 'admin' && (
          <DeleteListButton
            listId={list.id}
            listName={list.name}
            recordCount={list.recordCount}
            deployed={list.state === 'deployed'}
          />
        )}
      </div>
      {list.description && <p>{list.description}</p>}
      {canEdit && (
        <EditList
          listId={list.id}
          name={list.name}
          description={list.description}
          recordCount={list.recordCount}
          canRename={membership.role === 'admin'}
          columns={list.columns.map(({ storage: _storage, ...column }) => column)}
        />
      )}
      <section aria-labelledby="columns-heading">
        <h2 id="columns-heading">Columns</h2>
        <ScrollTable label="Columns of the list">
          <table aria-labelledby="columns-heading">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Key</th>
                <th scope="col">Required</th>
                <th scope="col">Rules</th>
              </tr>
            </thead>
            <tbody>
              {list.columns.map((c) => (
                <tr key={c.name}>
                  <td>{c.position}</td>
                  <td>{c.name}</td>
                  <td>{typeWords(c.dataType)}</td>
                  <td>{c.isKey ? `yes (${c.keyPosition})` : ''}</td>
                  <td>{c.required ? 'yes' : ''}</td>
                  <td className="hint">
                    {[
                      hasEffect(c.dataType, c.format) && `written as ${describeFormat(c.dataType, c.format)}`,
                      c.maxLength && `at most ${c.maxLength} characters`,
                      c.pattern && `pattern ${c.pattern}`,
                      c.allowedValues && `one of ${c.allowedValues.join(', ')}`,
                    ]
                      .filter(Boolean)
                      .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
      <section aria-labelledby="contents-heading">
        <h2 id="contents-heading">Records ({list.recordCount.toLocaleString('en-US')})</h2>
        <ContentsGrid
          // A column added or renamed in "Edit list" starts the grid afresh with the new columns.
          key={list.columns.map((c) => c.name).join('\u0000')}
          listId={list.id}
          columns={list.columns.map((c) => ({ name: c.name, dataType: c.dataType, isKey: c.isKey }))}
          recordCount={list.recordCount}
          canEdit={canEdit && !list.isImmutable}
          {...(canEdit && { importHref: `/lists/${list.id}/import` })}
        />
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <RevisionHistory
          listId={list.id}
          columns={list.columns.map((c) => ({ name: c.name, isKey: c.isKey }))}
          canRestore={canEdit && !list.isImmutable}
        />
      </section>
      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">Recent jobs</h2>
        <JobsTable jobs={jobs} showList={false} emptyText="No imports or purges yet." />
        <p>
          <Link href={`/jobs?listId=${list.id}`}>All jobs of this list</Link>
        </p>
      </section>
    </div>
  );
}
