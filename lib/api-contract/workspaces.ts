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
  .looseObject({ userId: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES) })
  .register(apiSchemas, { id: 'Member' });

export const invitationSchema = z
  .looseObject({ id: z.string(), workspaceId: z.string().optional() })
  .register(apiSchemas, { id: 'Invitation' });
