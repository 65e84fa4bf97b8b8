import { apiRoute } from '@/lib/http/handler';

export const GET = apiRoute(
  async ({ principal }) =>
    Response.json({
      id: principal.userId,
      email: principal.email,
      name: principal.name,
      workspaces: principal.memberships,
      instanceAdmin: principal.isInstanceAdmin,
      mustChangePassword: principal.mustChangePassword,
    }),
  { duringPasswordChange: true },
);
