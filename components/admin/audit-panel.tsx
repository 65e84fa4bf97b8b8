'use client';

import { useQuery } from '@tanstack/react-query';

import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { apiFetch, type Collection } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/query-keys';

type AuditEvent = {
  id: number;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  createdAt: string;
  detail: unknown;
};

const ACTIONS: Record<string, string> = {
  'list.create': 'created list',
  'list.update': 'changed list',
  'list.delete': 'deleted list',
  'list.state': 'changed the state of list',
  'import.create': 'started an import',
  'purge.create': 'started a purge',
  'job.cancel': 'cancelled job',
  'member.add': 'added member',
  'member.role': 'changed the role of',
  'invitation.create': 'invited',
  'invitation.cancel': 'cancelled the invitation',
  'invitation.accept': 'accepted the invitation to the workspace',
  'invitation.decline': 'declined the invitation to the workspace',
  'sign-in': 'signed in',
  'sign-in.failed': 'failed to sign in',
  'sign-in.refused': 'was refused sign-in',
  'token.issue': 'created an API token',
  'token.revoke': 'revoked an API token',
  'list.export': 'exported list',
  'job.file.download': 'downloaded the file of job',
  'job.error-report.download': 'downloaded the error report of job',
  'member.remove': 'removed member',
  'user.create': 'created user',
  'user.disable': 'disabled the account of',
  'user.enable': 'enabled the account of',
  'user.password.reset': 'reset the password of',
  'user.password.change': 'changed their password',
  'workspace.create': 'created workspace',
  'contents.upsert': 'edited records',
  'contents.delete': 'deleted records',
};

/** Who created, cancelled, purged or changed what, newest first. */
export function AuditPanel() {
  const events = useQuery({
    queryKey: queryKeys.audit(),
    queryFn: () => apiFetch<Collection<AuditEvent>>('/api/v1/audit'),
  });
  return (
    <section className="card stack" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <ErrorMessage error={events.error} />
      {events.data && events.data.items.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {events.data && events.data.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.data.items.slice(0, 100).map((e) => (
              <tr key={e.id}>
                <td>
                  <LocalTime value={e.createdAt} />
                </td>
                <td>{e.actorEmail}</td>
                <td>
                  {ACTIONS[e.action] ?? e.action}{' '}
                  <span className="hint">
                    {e.targetType} {e.targetId.slice(0, 8)}
                  </span>
                </td>
                <td className="hint">{e.detail ? JSON.stringify(e.detail).slice(0, 160) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
