import type { z } from 'zod';

import type {
  createUserBody,
  passwordResetSchema,
  resetUserPasswordBody,
  setUserDisabledBody,
  userSchema,
  userStatusSchema,
} from '@/lib/api-contract/accounts';
import type { auditEventSchema } from '@/lib/api-contract/audit';
import type {
  addMemberBody,
  changeMemberRoleBody,
  createWorkspaceBody,
  invitationSchema,
  memberInvitedSchema,
  memberSchema,
  workspaceSchema,
} from '@/lib/api-contract/workspaces';
import type { AuditEventBody } from '@/lib/audit/audit-sentence';

import { apiFetch, apiPath, withQuery, type Collection } from './client';

/** What admins do: workspaces, their members and invitations, user accounts, the audit log. */

export type Workspace = z.output<typeof workspaceSchema>;
export type Member = z.output<typeof memberSchema>;
export type Invitation = z.output<typeof invitationSchema>;
export type Role = Member['role'];
export type MemberInvited = z.output<typeof memberInvitedSchema>;
/** The answer to adding someone: the member, or (no account or no instance admin) an invitation with its link. */
export type AddMemberAnswer = Member | MemberInvited;
export type User = z.output<typeof userSchema>;
export type UserStatus = z.output<typeof userStatusSchema>;
export type PasswordReset = z.output<typeof passwordResetSchema>;

/** A new workspace; its creator is its admin. */
export function createWorkspace(body: z.input<typeof createWorkspaceBody>): Promise<Workspace> {
  return apiFetch<Workspace>(apiPath`/workspaces`, { method: 'POST', json: body });
}

export function listMembers(workspaceId: string): Promise<Collection<Member>> {
  return apiFetch<Collection<Member>>(apiPath`/workspaces/${workspaceId}/members`);
}

export function addMember(workspaceId: string, body: z.input<typeof addMemberBody>): Promise<AddMemberAnswer> {
  return apiFetch<AddMemberAnswer>(apiPath`/workspaces/${workspaceId}/members`, { method: 'POST', json: body });
}

export function changeMemberRole(
  workspaceId: string,
  userId: string,
  body: z.input<typeof changeMemberRoleBody>,
): Promise<Member> {
  return apiFetch<Member>(apiPath`/workspaces/${workspaceId}/members/${userId}`, { method: 'PATCH', json: body });
}

/** Takes the member out of the workspace; their account stays. */
export function removeMember(workspaceId: string, userId: string): Promise<void> {
  return apiFetch<void>(apiPath`/workspaces/${workspaceId}/members/${userId}`, { method: 'DELETE' });
}

export function isInvitation(answer: AddMemberAnswer): answer is MemberInvited {
  return 'invitation' in answer && typeof answer.invitation === 'object';
}

/** The workspace's invitations not yet answered. */
export function listInvitations(workspaceId: string): Promise<Collection<Invitation>> {
  return apiFetch<Collection<Invitation>>(apiPath`/workspaces/${workspaceId}/invitations`);
}

/** Cancels an invitation: its link stops working. */
export function cancelInvitation(workspaceId: string, invitationId: string): Promise<void> {
  return apiFetch<void>(apiPath`/workspaces/${workspaceId}/invitations/${invitationId}`, { method: 'DELETE' });
}

/** An instance admin creates an account with the password they give its user. */
export function createUser(body: z.input<typeof createUserBody>): Promise<User> {
  return apiFetch<User>(apiPath`/users`, { method: 'POST', json: body });
}

/** Disables an account (signed out everywhere, tokens stop working) or enables it again. */
export function setUserDisabled(userId: string, body: z.input<typeof setUserDisabledBody>): Promise<UserStatus> {
  return apiFetch<UserStatus>(apiPath`/users/${userId}`, { method: 'PATCH', json: body });
}

/** Resets an account's password: to `password`, or to a generated one in the answer, shown once. */
export function resetUserPassword(userId: string, body: z.input<typeof resetUserPasswordBody>): Promise<PasswordReset> {
  return apiFetch<PasswordReset>(apiPath`/users/${userId}/password`, { method: 'POST', json: body });
}

/** An audit event, with what auditSentence reads of what it is about. */
export type AuditEvent = z.output<typeof auditEventSchema> & AuditEventBody;

/** A page of the audit log; `nextBefore` asks for the next, older page. */
export type AuditPage = Collection<AuditEvent> & { nextBefore?: number };

/**
 * A page of the events of the workspaces the caller administers (all of them for instance admins),
 * newest first: the newest, or those older than `before` (the `nextBefore` of the page read before).
 */
export function listAuditEvents(page: { before?: number; limit: number }): Promise<AuditPage> {
  return apiFetch<AuditPage>(withQuery(apiPath`/audit`, page));
}
