import type { JobResults } from '@/db/schema';
import { plural } from '@/lib/shared/plural';

/** An audit event as GET /api/v1/audit returns it, with what it is about as it is now. */
export type AuditEventBody = {
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: unknown;
  about?: { listName?: string; job?: { kind: string | null; state: string; results: JobResults | null } };
};

const n = (value: number | undefined) => (value ?? 0).toLocaleString('en-US');

/** "2,000 new, 15 updated, 3 removed" for a completed load; what happened to it otherwise. */
function outcome(job: NonNullable<AuditEventBody['about']>['job']): string {
  if (!job) return '';
  if (job.state === 'failed') return ': it failed and loaded nothing';
  if (job.state === 'cancelled') return ': it was cancelled and loaded nothing';
  if (job.state !== 'completed') return ` (${job.state === 'pending' ? 'waiting to run' : 'running'})`;
  const r = job.results ?? { recordCount: 0 };
  if (job.kind === 'purge') return `: ${n(r.deleted)} records removed`;
  const parts = [`${n(r.inserted)} new`];
  if (r.updated) parts.push(`${n(r.updated)} updated`);
  if (r.deleted) parts.push(`${n(r.deleted)} removed`);
  return `: ${parts.join(', ')}`;
}

/**
 * An audit event as a sentence: "ana@example.com replaced Customers with customers.csv: 2,000 new".
 * Events this does not know yet fall back to their action and target, never to raw JSON.
 */
export function auditSentence(event: AuditEventBody): string {
  const who = event.actorEmail;
  const d = (event.detail ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  const list = event.about?.listName ?? text('name');
  const theList = list ? `“${list}”` : 'a list that was deleted since';
  const job = event.about?.job;
  switch (event.action) {
    case 'import.create': {
      const verb =
        { replace: 'replaced', append: 'added to', upsert: 'updated' }[text('mode') ?? 'upsert'] ?? 'updated';
      return `${who} ${verb} ${theList} with ${text('fileName') ?? 'a file'}${outcome(job)}`;
    }
    case 'custom-import.create':
      return `${who} ran the custom import ${text('customImportTitle') ? `“${text('customImportTitle')}”` : (text('customImportId') ?? '')} into ${theList}${text('fileName') ? ` from ${text('fileName')}` : ''}${outcome(job)}`;
    case 'purge.create':
      return `${who} emptied ${theList}${outcome(job)}`;
    case 'job.cancel':
      return `${who} cancelled a job${list ? ` on ${theList}` : ''}`;
    case 'list.create':
      return `${who} created the list ${theList}`;
    case 'list.update':
      return `${who} changed ${Array.isArray(d.fields) ? (d.fields as string[]).join(', ') : 'the settings'} of ${theList}`;
    case 'list.delete':
      return `${who} deleted the list “${text('name') ?? '?'}”`;
    case 'list.state':
      return `${who} set ${theList} to ${text('state') ?? 'another state'}`;
    case 'list.export':
      return `${who} exported ${theList}`;
    case 'job.file.download':
      return `${who} downloaded ${text('fileName') ?? 'the file'} of a job on ${theList}`;
    case 'job.error-report.download':
      return `${who} downloaded the error report of a job on ${theList}`;
    case 'contents.upsert':
    case 'contents.delete':
      return `${who} ${event.action === 'contents.delete' ? 'deleted' : 'edited'} ${plural(d.items as number, 'record')} of ${theList}`;
    case 'member.add':
      return `${who} added ${text('email') ?? 'a member'} as ${text('role') ?? 'member'}`;
    case 'member.role':
      return `${who} made ${text('email') ?? 'a member'} ${text('role') ?? 'another role'}${text('previousRole') ? ` (was ${text('previousRole')})` : ''}`;
    case 'member.remove':
      return `${who} removed ${text('email') ?? 'a member'} from the workspace`;
    case 'invitation.create':
      return `${who} invited ${text('email') ?? 'someone'} as ${text('role') ?? 'member'}`;
    case 'invitation.cancel':
      return `${who} cancelled an invitation`;
    case 'invitation.accept':
      return `${who} joined the workspace as ${text('role') ?? 'member'}`;
    case 'invitation.decline':
      return `${who} declined an invitation to the workspace`;
    case 'sign-in':
      return `${who} signed in`;
    case 'sign-in.failed':
      return `Someone failed to sign in as ${who}`;
    case 'sign-in.refused':
      return `${who} was refused sign-in`;
    case 'token.issue':
      return `${who} created an API token`;
    case 'token.revoke':
      return `${who} revoked an API token`;
    case 'user.create':
      return `${who} created the account of ${text('email') ?? 'a user'}`;
    case 'user.password.reset':
      return `${who} reset a password`;
    case 'user.password.change':
      return `${who} changed their password`;
    case 'workspace.create':
      return `${who} created the workspace “${text('name') ?? '?'}”`;
    default:
      return `${who}: ${event.action.replaceAll('.', ' ')} (${event.targetType})`;
  }
}
