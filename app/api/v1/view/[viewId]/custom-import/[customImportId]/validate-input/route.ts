import { loadScriptFor } from '@/lib/custom-imports/access';
import { envelopeResponse, summarize } from '@/lib/custom-imports/envelope';
import { readCustomImportRequest } from '@/lib/custom-imports/request';
import { evaluate, withSandboxPlace } from '@/lib/custom-imports/service';
import { apiRoute } from '@/lib/http/handler';

type Params = { viewId: string; customImportId: string };

/** `{values}` → `{status, message, payload: {valid, messages, options}}`; answered 200 whether or not the values are valid. */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  const { workspaceId, script } = await loadScriptFor(principal, params.viewId, params.customImportId);
  return withSandboxPlace(principal.userId, async (ticket) => {
    const body = await readCustomImportRequest(request, script);
    try {
      const result = await evaluate(script, workspaceId, body, 'validate', ticket);
      return envelopeResponse(
        result.valid ? 'SUCCESS' : 'ERROR',
        summarize(result.valid, result.messages, 'The inputs are valid.'),
        {
          valid: result.valid,
          messages: result.messages,
          options: result.options,
        },
      );
    } finally {
      await body.discard();
    }
  });
});
