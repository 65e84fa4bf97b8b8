import { z } from 'zod';

import { ROLES } from '@/db/schema';

import { apiSchemas } from './common';

/** Request and answer shapes of workspaces, their members and invitations. */

export const createWorkspaceBody = z.object({ name: z.string().trim().min(1, 'name is required').max(100) });

export const addMemberBody = z.object({
  email: z.string().trim().email('email must be an email address').max(320),
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }),
});

export const changeMemberRoleBody = z.object({
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }),
});

export const workspaceSchema = z
  .looseObject({ id: z.string(), name: z.string() })
  .register(apiSchemas, { id: 'Workspace' });

export const memberSchema = z
  .looseObject({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    // In the members collection; a change of role answers with the four fields above.
    since: z.string().optional(),
    disabled: z.boolean().optional(),
    mustChangePassword: z.boolean().optional(),
    instanceAdmin: z.boolean().optional(),
  })
  .register(apiSchemas, { id: 'Member' });

export const invitationSchema = z
  .looseObject({
    id: z.string(),
    workspaceId: z.string(),
    workspaceName: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    invitedBy: z.string().describe('The email of the admin who invited.'),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .register(apiSchemas, { id: 'Invitation' });

/** `POST …/members` of an email that is not (yet) a member: the invitation and its one-time link. */
export const memberInvitedSchema = z.object({
  invitation: invitationSchema.extend({ acceptPath: z.string().describe('The link’s path; shown only here.') }),
});
