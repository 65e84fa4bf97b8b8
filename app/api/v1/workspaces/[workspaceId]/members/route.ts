import { listMembers } from '@/db/queries/workspaces';
import { addMemberBody } from '@/lib/api-contract/workspaces';
import { requireRole } from '@/lib/auth/principal';
import { readJson } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { addMember } from '@/lib/members/add-member';

type Params = { workspaceId: string };

export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  requireRole(principal, params.workspaceId, 'admin', 'The workspace');
  const members = await listMembers(params.workspaceId);
  return Response.json(collection(request, members, { start: 0, limit: Math.max(members.length, 1) }, members.length));
});

/**
 * A member's new role (200), an instance admin adding an existing account (201), or else an
 * invitation (202) — the same answer whether the email has an account or not.
 */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  const workspace = requireRole(principal, params.workspaceId, 'admin', 'The workspace');
  const body = await readJson(request, addMemberBody);
  const added = await addMember(principal, workspace, body.email, body.role);
  if (added.kind === 'member') return Response.json(added.member, { status: added.status });
  return Response.json({ invitation: added.invitation }, { status: 202 });
});
