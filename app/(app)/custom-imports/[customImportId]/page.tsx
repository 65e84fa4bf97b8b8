import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { CustomImportWizard } from '@/components/custom-imports/wizard';
import { findLists } from '@/db/queries/lists';
import { findScript, toScriptInfo } from '@/lib/custom-imports/registry';
import { normalizeScriptId } from '@/lib/custom-imports/script-id';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'Custom import' };

export default async function CustomImportPage({ params }: { params: Promise<{ customImportId: string }> }) {
  const { customImportId } = await params;
  const script = await findScript(normalizeScriptId(customImportId));
  if (!script) notFound();
  const user = await requireCurrentUser();
  const workspace = user.workspace;
  const { items } = workspace
    ? await findLists([workspace.id], {}, { by: 'name', descending: false }, { start: 0, limit: 1000 })
    : { items: [] };
  return (
    <div className="stack">
      <p>
        <Link href="/custom-imports">← Custom imports</Link>
      </p>
      <h1>{script.title}</h1>
      <p style={{ margin: 0 }}>{script.description}</p>
      <p className="hint" style={{ margin: 0 }}>
        Version {script.version}
        {workspace && <> · loads into lists of the workspace {workspace.name}</>}
      </p>
      {workspace ? (
        <CustomImportWizard
          script={toScriptInfo(script)}
          workspace={{ id: workspace.id, name: workspace.name, canRun: workspace.role !== 'viewer' }}
          lists={items.map((l) => ({ id: l.id, name: l.name }))}
        />
      ) : (
        <p className="alert warn">You are not a member of any workspace yet. Ask an admin to add you to one.</p>
      )}
      {/* For whoever calls the API or maintains the script; out of the way of everyone else. */}
      <details className="technical-details">
        <summary>Technical details</summary>
        <dl>
          <div>
            <dt>Script id (in the API)</dt>
            <dd>
              <code style={{ overflowWrap: 'anywhere' }}>{script.id}</code>
            </dd>
          </div>
        </dl>
      </details>
    </div>
  );
}
