import { z } from 'zod';

import { updateList } from '@/db/queries/lists';
import { auditAs } from '@/lib/audit/audit-as';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { apiRoute } from '@/lib/http/handler';
import { LIST_STATES } from '@/lib/lists/list-input';
import { loadListFor } from '@/lib/lists/server/access';

type Params = { listId: string };

/** The state as text, as the family answers it. */
export const GET = apiRoute<Params>(async ({ principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  return new Response(list.state, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
});

/** `PUT …/state?value=deployed` (the value may arrive quoted, or as the body). */
export const PUT = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'admin');
  const fromQuery = new URL(request.url).searchParams.get('value');
  if (fromQuery === null && Number(request.headers.get('content-length') ?? 0) > 1024) {
    throw new ApiError(
      413,
      ERROR_CODES.tooLarge,
      'The body is larger than a state: it is one word, developing or deployed.',
      'Send PUT …/state?value=deployed (or developing).',
    );
  }
  const raw = (fromQuery ?? (await request.text())).slice(0, 1024);
  const value = raw.trim().replace(/^["']|["']$/g, '');
  const parsed = z.enum(LIST_STATES).safeParse(value);
  if (!parsed.success) {
    throw ApiError.badRequest(
      `"${value.slice(0, 40)}" is not a list state.`,
      `Use value=developing or value=deployed.`,
    );
  }
  const updated = await updateList(list, { state: parsed.data }, principal.userId);
  if (typeof updated === 'string') throw new Error(`Unexpected update result ${updated}`);
  await auditAs(principal, {
    workspaceId: list.workspaceId,
    action: 'list.state',
    targetType: 'list',
    targetId: list.id,
    detail: { state: parsed.data },
  });
  return new Response(updated.state, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
});
