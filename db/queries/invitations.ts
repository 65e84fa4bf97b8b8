import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';

import { getDb } from '../client';
import { invitations, memberships, users, workspaces, type Invitation, type Role } from '../schema';
import { normalizeEmail, type PublicUser } from './users';

/** What an invitee and the inviting admin see of an invitation. */
export type InvitationView = Pick<
  Invitation,
  'id' | 'workspaceId' | 'email' | 'role' | 'invitedByEmail' | 'createdAt' | 'expiresAt'
> & { workspaceName: string };

const viewColumns = {
  id: invitations.id,
  workspaceId: invitations.workspaceId,
  email: invitations.email,
  role: invitations.role,
  invitedByEmail: invitations.invitedByEmail,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
  workspaceName: workspaces.name,
};

const open = () => and(isNull(invitations.closedAt), gt(invitations.expiresAt, sql`now()`));

/** Stores an invitation; an open one for the same email and workspace is replaced (its link stops working). */
export async function createInvitation(input: {
  workspaceId: string;
  email: string;
  role: Role;
  linkHash: string;
  invitedBy: string;
  invitedByEmail: string;
  expiresAt: Date;
}): Promise<Invitation> {
  const email = normalizeEmail(input.email);
  return getDb().transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ closedAt: sql`now()`, outcome: 'cancelled' })
      .where(and(eq(invitations.workspaceId, input.workspaceId), eq(invitations.email, email), open()));
    const [created] = await tx
      .insert(invitations)
      .values({ ...input, email })
      .returning();
    return created!;
  });
}

export async function listOpenInvitationsOfWorkspace(workspaceId: string): Promise<InvitationView[]> {
  return getDb()
    .select(viewColumns)
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(and(eq(invitations.workspaceId, workspaceId), open()))
    .orderBy(asc(invitations.email));
}

export async function listOpenInvitationsForEmail(email: string): Promise<InvitationView[]> {
  return getDb()
    .select(viewColumns)
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(and(eq(invitations.email, normalizeEmail(email)), open()))
    .orderBy(asc(workspaces.name));
}

export async function findOpenInvitationByLink(linkHash: string): Promise<InvitationView | undefined> {
  const [row] = await getDb()
    .select(viewColumns)
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(and(eq(invitations.linkHash, linkHash), open()));
  return row;
}

/** Closes an open invitation (declined by its invitee, cancelled by an admin); undefined when it was not open. */
export async function closeInvitation(
  id: string,
  outcome: 'declined' | 'cancelled',
  where: { email?: string; workspaceId?: string },
): Promise<Invitation | undefined> {
  const rows = await getDb()
    .update(invitations)
    .set({ closedAt: sql`now()`, outcome })
    .where(
      and(
        eq(invitations.id, id),
        open(),
        where.email ? eq(invitations.email, normalizeEmail(where.email)) : undefined,
        where.workspaceId ? eq(invitations.workspaceId, where.workspaceId) : undefined,
      ),
    )
    .returning();
  return rows[0];
}

/**
 * The account with the invitation's email joins the workspace with the invited role (a member
 * already keeps their role: an invitation never demotes). Undefined when the invitation is not open.
 */
export async function acceptInvitation(id: string, user: { id: string; email: string }) {
  return getDb().transaction(async (tx) => {
    const [invitation] = await tx
      .update(invitations)
      .set({ closedAt: sql`now()`, outcome: 'accepted' })
      .where(and(eq(invitations.id, id), eq(invitations.email, normalizeEmail(user.email)), open()))
      .returning();
    if (!invitation) return undefined;
    await tx
      .insert(memberships)
      .values({ workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role })
      .onConflictDoNothing();
    return invitation;
  });
}

export type LinkRedemption =
  | { outcome: 'joined'; user: PublicUser; invitation: Invitation }
  | { outcome: 'not-open' }
  | { outcome: 'email-taken'; invitation: Invitation };

/** Creates the invited account from the one-time link and makes it a member, in one transaction. */
export async function redeemInvitationLink(
  linkHash: string,
  account: { name: string; passwordHash: string },
): Promise<LinkRedemption> {
  return getDb().transaction(async (tx): Promise<LinkRedemption> => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.linkHash, linkHash), open()))
      .for('update');
    if (!invitation) return { outcome: 'not-open' };
    const [user] = await tx
      .insert(users)
      .values({ email: invitation.email, name: account.name, passwordHash: account.passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt });
    if (!user) return { outcome: 'email-taken', invitation };
    await tx
      .insert(memberships)
      .values({ workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role });
    await tx
      .update(invitations)
      .set({ closedAt: sql`now()`, outcome: 'accepted' })
      .where(eq(invitations.id, invitation.id));
    return { outcome: 'joined', user, invitation };
  });
}
