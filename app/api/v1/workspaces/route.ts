import { createWorkspace } from '@/db/queries/workspaces';
import { createWorkspaceBody } from '@/lib/api-contract/workspaces';
import { auditAs } from '@/lib/audit/audit-as';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';

export const GET = apiRoute(async ({ request, principal }) => {
  const items = principal.memberships.map((m) => ({ id: m.id, name: m.name, role: m.role }));
  return Response.json(collection(request, items, { start: 0, limit: Math.max(items.length, 1) }, items.length));
});

/** Admins (of any workspace) create workspaces; the creator becomes the new workspace's admin. */
export const POST = apiRoute(async ({ request, principal }) => {
  if (!principal.memberships.some((m) => m.role === 'admin'))
    throw ApiError.forbidden('Only admins can create workspaces.');
  const { name } = await readJson(request, createWorkspaceBody);
  const workspace = await createWorkspace(name, principal.userId);
  if (!workspace) {
    throw ApiError.conflict(
      ERROR_CODES.nameTaken,
      `A workspace named "${name}" already exists.`,
      'Choose another name.',
    );
  }
  await auditAs(principal, {
    workspaceId: workspace.id,
    action: 'workspace.create',
    targetType: 'workspace',
    targetId: workspace.id,
    detail: { name },
  });
  return Response.json(
    { id: workspace.id, name: workspace.name, role: 'admin' },
    { status: 201, headers: { location: `/api/v1/workspaces/${workspace.id}` } },
  );
});
