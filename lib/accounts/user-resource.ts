import type { UserWithMemberships } from '@/db/queries/users';

/** A user as the API shows it to admins: who, their status, and their role in each workspace. */
export function toUserResource(user: UserWithMemberships) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    createdAt: user.createdAt.toISOString(),
    disabled: user.disabledAt !== null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    mustChangePassword: user.mustChangePassword,
    passwordChangedAt: user.passwordChangedAt?.toISOString() ?? null,
    instanceAdmin: user.isInstanceAdmin,
    memberships: user.memberships,
  };
}
