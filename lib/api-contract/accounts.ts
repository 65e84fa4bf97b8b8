import { z } from 'zod';

import { ROLES } from '@/db/schema';
import { isAcceptablePassword, PASSWORD_RULE } from '@/lib/password-rule';

import { apiSchemas } from './common';

/** Request and answer shapes of sign-in tokens, users and the caller's own account. */

export const issueTokenBody = z.object({
  email: z.string().trim().min(1, 'email is required').max(320),
  password: z.string().min(1, 'password is required').max(200),
  label: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(
      'How the token is listed on the Account page. Without one: "Token made by a script on 1 Dec 2026, 10:37:05 UTC (curl 8.5.0)", from the User-Agent.',
    ),
});

export const createApiTokenBody = z.object({
  label: z.string().trim().min(1, 'label is required').max(100),
  ttlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .optional(),
});

export const createUserBody = z.object({
  email: z.string().trim().email('email must be an email address').max(320),
  name: z.string().trim().min(1, 'name is required').max(200),
  password: z.string().refine(isAcceptablePassword, PASSWORD_RULE),
  workspaceId: z.string().uuid().optional(),
  role: z.enum(ROLES).optional(),
});

export const setUserDisabledBody = z.object({ disabled: z.boolean({ message: 'disabled must be true or false' }) });

export const resetUserPasswordBody = z.object({
  password: z.string().refine(isAcceptablePassword, PASSWORD_RULE).optional(),
});

export const changeMyPasswordBody = z.object({
  currentPassword: z.string().min(1, 'currentPassword is required').max(200),
  newPassword: z.string().refine(isAcceptablePassword, PASSWORD_RULE),
});

export const answerInvitationBody = z.object({
  accept: z.boolean({ message: 'accept must be true (join the workspace) or false (decline)' }),
});

export const acceptInvitationBody = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  password: z.string().refine(isAcceptablePassword, PASSWORD_RULE),
});

export const issuedTokenSchema = z
  .object({ id: z.string().optional(), token: z.string(), expiresAt: z.string() })
  .register(apiSchemas, { id: 'IssuedToken', description: 'A token; send it as x-auth-jwt or Authorization: Bearer.' });

export const apiTokenSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .register(apiSchemas, { id: 'ApiToken' });

export const membershipSchema = z.looseObject({ id: z.string(), name: z.string(), role: z.enum(ROLES) });

export const meSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    workspaces: z.array(membershipSchema),
    instanceAdmin: z.boolean(),
    mustChangePassword: z.boolean(),
  })
  .register(apiSchemas, { id: 'Me' });

export const passwordChangedSchema = z
  .object({ passwordChangedAt: z.string(), otherSessionsEnded: z.boolean(), tokensRevoked: z.number().int() })
  .register(apiSchemas, { id: 'PasswordChanged', description: 'The caller’s new password; other sessions ended.' });

export const passwordResetSchema = z
  .object({
    mustChangePassword: z.literal(true),
    temporaryPassword: z.string().optional().describe('When no password was given: the one made, shown only here.'),
    tokensRevoked: z.number().int(),
  })
  .register(apiSchemas, { id: 'PasswordReset' });

export const invitationAnswerSchema = z.object({ id: z.string(), workspaceId: z.string(), accepted: z.boolean() });

export const userSchema = z
  .looseObject({ id: z.string(), email: z.string(), name: z.string() })
  .register(apiSchemas, { id: 'User' });

export const userStatusSchema = z
  .looseObject({ id: z.string(), email: z.string(), disabled: z.boolean(), disabledAt: z.string().nullable() })
  .register(apiSchemas, { id: 'UserStatus', description: 'Whether a user is disabled, after a change.' });
