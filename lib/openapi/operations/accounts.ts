import { z } from 'zod';

import {
  acceptInvitationBody,
  answerInvitationBody,
  apiTokenSchema,
  changeMyPasswordBody,
  createApiTokenBody,
  createUserBody,
  invitationAnswerSchema,
  issuedTokenSchema,
  issueTokenBody,
  meSchema,
  passwordChangedSchema,
  passwordResetSchema,
  resetUserPasswordBody,
  setUserDisabledBody,
  userSchema,
  userStatusSchema,
} from '@/lib/api-contract/accounts';
import { auditPageSchema, auditQuery } from '@/lib/api-contract/audit';
import { collectionOf } from '@/lib/api-contract/common';
import { invitationSchema } from '@/lib/api-contract/workspaces';

import type { Operation } from '../operation';

const tag = 'Accounts';

export const ACCOUNT_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/auth/token',
    tag,
    public: true,
    summary: 'Get a token for an email and password',
    body: issueTokenBody,
    bodyExample: { email: 'admin@example.com', password: '<your password>' },
    responses: { 200: { description: 'The token and when it expires.', schema: issuedTokenSchema } },
  },
  {
    method: 'get',
    path: '/me',
    tag,
    summary: 'Who the caller is, and their workspaces',
    responses: { 200: { description: 'The caller.', schema: meSchema } },
  },
  {
    method: 'post',
    path: '/me/password',
    tag,
    summary: 'Choose a new password',
    body: changeMyPasswordBody,
    responses: { 200: { description: 'The password was changed.', schema: passwordChangedSchema } },
  },
  {
    method: 'get',
    path: '/me/invitations',
    tag,
    summary: 'Invitations waiting for the caller',
    responses: { 200: { description: 'The invitations.', schema: collectionOf(invitationSchema) } },
  },
  {
    method: 'post',
    path: '/me/invitations/{invitationId}',
    tag,
    summary: 'Accept or decline an invitation',
    body: answerInvitationBody,
    responses: {
      200: {
        description: 'The answer was recorded.',
        schema: invitationAnswerSchema,
      },
    },
  },
  {
    method: 'get',
    path: '/invitations/{secret}',
    tag,
    public: true,
    summary: 'What an invitation link invites to',
    responses: { 200: { description: 'The invitation.', schema: z.looseObject({}) } },
  },
  {
    method: 'post',
    path: '/invitations/{secret}',
    tag,
    public: true,
    summary: 'Create an account from an invitation link',
    body: acceptInvitationBody,
    responses: { 201: { description: 'The account was created and joined the workspace.', schema: z.looseObject({}) } },
  },
  {
    method: 'get',
    path: '/tokens',
    tag,
    summary: 'The caller’s API tokens (never their values)',
    responses: { 200: { description: 'The tokens.', schema: collectionOf(apiTokenSchema) } },
  },
  {
    method: 'post',
    path: '/tokens',
    tag,
    summary: 'Create an API token (its value is shown once)',
    body: createApiTokenBody,
    bodyExample: { label: 'nightly sync', ttlHours: 720 },
    responses: { 201: { description: 'The token.', schema: issuedTokenSchema } },
  },
  {
    method: 'delete',
    path: '/tokens/{tokenId}',
    tag,
    summary: 'Revoke an API token',
    responses: { 204: { description: 'Revoked.' } },
  },
  {
    method: 'get',
    path: '/users',
    tag,
    summary: 'Every user (instance admins)',
    responses: { 200: { description: 'The users.', schema: collectionOf(userSchema) } },
  },
  {
    method: 'post',
    path: '/users',
    tag,
    summary: 'Create a user (instance admins)',
    body: createUserBody,
    responses: { 201: { description: 'The user.', schema: userSchema } },
  },
  {
    method: 'patch',
    path: '/users/{userId}',
    tag,
    summary: 'Disable or enable a user (instance admins)',
    body: setUserDisabledBody,
    responses: { 200: { description: 'The user’s status; disabling revokes their tokens.', schema: userStatusSchema } },
  },
  {
    method: 'post',
    path: '/users/{userId}/password',
    tag,
    summary: 'Reset a user’s password (instance admins)',
    body: resetUserPasswordBody,
    responses: {
      200: { description: 'The user must choose a new password at next sign-in.', schema: passwordResetSchema },
    },
  },
  {
    method: 'get',
    path: '/audit',
    tag,
    summary: 'The audit events the caller may see, newest first, a page at a time',
    description:
      'Read the newest page without `before`, then each older page with `before` set to the `nextBefore` of the page just read (the `next` link does so): the pages neither repeat nor skip an event while others are recorded. `start` counts from the newest event (or from `before`), so new events shift the pages it reads.',
    query: auditQuery,
    responses: { 200: { description: 'The events.', schema: auditPageSchema } },
  },
];
