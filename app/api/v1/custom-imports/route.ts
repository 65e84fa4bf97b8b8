import { envelopeResponse } from '@/lib/custom-imports/envelope';
import { getRegistry, toScriptInfo } from '@/lib/custom-imports/registry';
import { apiRoute } from '@/lib/http/handler';

/** The registered custom import scripts with their declared inputs (any signed-in caller). */
export const GET = apiRoute(async () => {
  const { scripts } = await getRegistry();
  return envelopeResponse('SUCCESS', `${scripts.length} custom import script(s) available.`, scripts.map(toScriptInfo));
});
