import { envelopeResponse } from '@/lib/custom-imports/envelope';
import { findScript, toScriptInfo } from '@/lib/custom-imports/registry';
import { normalizeScriptId } from '@/lib/custom-imports/script-id';
import { ApiError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/handler';

export const GET = apiRoute<{ customImportId: string }>(async ({ params }) => {
  const script = await findScript(normalizeScriptId(params.customImportId));
  if (!script) throw ApiError.notFound(`The custom import "${params.customImportId}"`);
  return envelopeResponse('SUCCESS', script.title, toScriptInfo(script));
});
