import { collectionOf } from '@/lib/api-contract/common';
import {
  addMemberBody,
  changeMemberRoleBody,
  createWorkspaceBody,
  invitationSchema,
  memberInvitedSchema,
  memberSchema,
  workspaceSchema,
} from '@/lib/api-contract/workspaces';

import type { Operation } from '../operation';

const tag = 'Workspaces';

export const WORKSPACE_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/workspaces',
    tag,
    summary: 'The caller’s workspaces',
    responses: { 200: { description: 'The workspaces.', schema: collectionOf(workspaceSchema) } },
  },
  {
    method: 'post',
    path: '/workspaces',
    tag,
    summary: 'Create a workspace (the caller becomes its admin)',
    body: createWorkspaceBody,
    bodyExample: { name: 'Marketing' },
    responses: {
      201: { description: 'The workspace.', schema: workspaceSchema, headers: { location: 'Its address.' } },
    },
  },
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/members',
    tag,
    summary: 'Members of a workspace',
    responses: { 200: { description: 'The members.', schema: collectionOf(memberSchema) } },
  },
  {
    method: 'post',
    path: '/workspaces/{workspaceId}/members',
    tag,
    summary: 'Add a member by email, or invite them if they have no account',
    body: addMemberBody,
    bodyExample: { email: 'sam@example.com', role: 'editor' },
    responses: {
      200: { description: 'Already a member: their role was set.', schema: memberSchema },
      201: { description: 'Added.', schema: memberSchema },
      202: {
        description: 'No account yet: an invitation was made.',
        schema: memberInvitedSchema,
      },
    },
  },
  {
    method: 'patch',
    path: '/workspaces/{workspaceId}/members/{userId}',
    tag,
    summary: 'Change a member’s role',
    body: changeMemberRoleBody,
    responses: { 200: { description: 'The member.', schema: memberSchema } },
  },
  {
    method: 'delete',
    path: '/workspaces/{workspaceId}/members/{userId}',
    tag,
    summary: 'Remove a member',
    responses: { 204: { description: 'Removed.' } },
  },
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/invitations',
    tag,
    summary: 'Open invitations of a workspace',
    responses: { 200: { description: 'The invitations.', schema: collectionOf(invitationSchema) } },
  },
  {
    method: 'delete',
    path: '/workspaces/{workspaceId}/invitations/{invitationId}',
    tag,
    summary: 'Withdraw an invitation',
    responses: { 204: { description: 'Withdrawn.' } },
  },
];
