import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { ImportWizard } from '@/components/import-wizard/import-wizard';
import { findMemberList } from '@/lib/lists/server/access';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage({ params }: { params: Promise<{ listId: string }> }) {
  const { listId } = await params;
  const user = await requireCurrentUser();
  const found = await findMemberList(user.memberships, listId);
  if (!found) notFound();
  const { list, membership } = found;
  if (membership.role === 'viewer') {
    return (
      <div className="stack">
        <h1>Import into {list.name}</h1>
        <p className="alert error" role="alert">
          Importing needs the editor role; you are a viewer in “{membership.name}”. Ask an admin of the workspace for
          access.
        </p>
      </div>
    );
  }
  return (
    <div className="stack">
      <p>
        <Link href={`/lists/${list.id}`}>← {list.name}</Link>
      </p>
      <h1>Import into {list.name}</h1>
      <ImportWizard
        listId={list.id}
        listName={list.name}
        columns={list.columns}
        recordCount={list.recordCount}
        canAddColumns
      />
    </div>
  );
}
