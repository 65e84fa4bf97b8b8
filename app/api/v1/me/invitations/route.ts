import { listOpenInvitationsForEmail } from '@/db/queries/invitations';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { toInvitationResource } from '@/lib/members/invitation-resource';

/** Invitations to the caller's email still open: accept or decline them on the account page. */
export const GET = apiRoute(async ({ request, principal }) => {
  const items = (await listOpenInvitationsForEmail(principal.email)).map(toInvitationResource);
  return Response.json(collection(request, items, { start: 0, limit: Math.max(items.length, 1) }, items.length));
});
