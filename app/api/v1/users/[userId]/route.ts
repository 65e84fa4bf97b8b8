import { getAccount } from '@/db/queries/users';
import { setAccountDisabled } from '@/lib/accounts/set-account-disabled';
import { setUserDisabledBody } from '@/lib/api-contract/accounts';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';

type Params = { userId: string };

/** Disables an account (its sessions and tokens stop at once) or enables it again. */
export const PATCH = apiRoute<Params>(async ({ request, principal, params }) => {
  const body = await readJson(request, setUserDisabledBody);
  const { tokensRevoked } = await setAccountDisabled(principal, params.userId, body.disabled);
  const account = (await getAccount(params.userId))!;
  return Response.json({
    id: account.id,
    email: account.email,
    disabled: account.disabledAt !== null,
    disabledAt: account.disabledAt?.toISOString() ?? null,
    tokensRevoked,
  });
});
