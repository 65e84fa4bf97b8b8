import type { z } from 'zod';

import type {
  acceptInvitationBody,
  answerInvitationBody,
  apiTokenSchema,
  changeMyPasswordBody,
  createApiTokenBody,
  invitationAnswerSchema,
  issuedTokenSchema,
  passwordChangedSchema,
} from '@/lib/api-contract/accounts';
import type { invitationSchema } from '@/lib/api-contract/workspaces';

import { apiFetch, apiPath, type Collection } from './client';

/** The signed-in person's own account: password, API tokens and the invitations sent to them. */

export type ApiToken = z.output<typeof apiTokenSchema>;
export type IssuedToken = z.output<typeof issuedTokenSchema>;
export type PasswordChanged = z.output<typeof passwordChangedSchema>;
export type Invitation = z.output<typeof invitationSchema>;

/** Changes the caller's password; every other session and token of the account ends. */
export function changeMyPassword(body: z.input<typeof changeMyPasswordBody>): Promise<PasswordChanged> {
  return apiFetch<PasswordChanged>(apiPath`/me/password`, { method: 'POST', json: body });
}

export function listTokens(): Promise<Collection<ApiToken>> {
  return apiFetch<Collection<ApiToken>>(apiPath`/tokens`);
}

/** A new API token; its secret is in this answer only. */
export function createToken(body: z.input<typeof createApiTokenBody>): Promise<IssuedToken> {
  return apiFetch<IssuedToken>(apiPath`/tokens`, { method: 'POST', json: body });
}

export function revokeToken(tokenId: string): Promise<void> {
  return apiFetch<void>(apiPath`/tokens/${tokenId}`, { method: 'DELETE' });
}

/** Invitations to the caller's email still open. */
export function listMyInvitations(): Promise<Collection<Invitation>> {
  return apiFetch<Collection<Invitation>>(apiPath`/me/invitations`);
}

/** Joins the invitation's workspace (accept: true) or declines it. */
export function answerInvitation(
  invitationId: string,
  body: z.input<typeof answerInvitationBody>,
): Promise<z.output<typeof invitationAnswerSchema>> {
  return apiFetch(apiPath`/me/invitations/${invitationId}`, { method: 'POST', json: body });
}

/** Someone without an account accepts an invitation link: the account is made and joins the workspace. */
export function acceptInvitationLink(secret: string, body: z.input<typeof acceptInvitationBody>): Promise<unknown> {
  return apiFetch<unknown>(apiPath`/invitations/${secret}`, { method: 'POST', json: body });
}
