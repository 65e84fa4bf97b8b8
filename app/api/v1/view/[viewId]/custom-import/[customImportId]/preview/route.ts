import { loadScriptFor } from '@/lib/custom-imports/access';
import { envelopeResponse, summarize } from '@/lib/custom-imports/envelope';
import { readCustomImportRequest } from '@/lib/custom-imports/request';
import { evaluate, withSandboxPlace } from '@/lib/custom-imports/service';
import { apiRoute } from '@/lib/http/handler';

type Params = { viewId: string; customImportId: string };

/** `{values}` → the preview `{columns, rows, totalRows, messages}` in the envelope; invalid inputs → 400. */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  const { workspaceId, script } = await loadScriptFor(principal, params.viewId, params.customImportId);
  return withSandboxPlace(principal.userId, async (ticket) => {
    const body = await readCustomImportRequest(request, script);
    try {
      const result = await evaluate(script, workspaceId, body, 'preview', ticket);
      const preview = result.preview;
      if (!result.valid || !preview) {
        return envelopeResponse(
          'ERROR',
          summarize(false, result.messages, ''),
          { valid: false, messages: result.messages, options: result.options },
          400,
        );
      }
      return envelopeResponse(
        'SUCCESS',
        `Preview of ${preview.rows.length}${preview.totalRows !== undefined ? ` of ${preview.totalRows}` : ''} record(s).`,
        {
          valid: true,
          columns: preview.columns,
          rows: preview.rows,
          ...(preview.totalRows !== undefined && { totalRows: preview.totalRows }),
          messages: [...result.messages, ...preview.messages],
          options: result.options,
        },
      );
    } finally {
      await body.discard();
    }
  });
});
