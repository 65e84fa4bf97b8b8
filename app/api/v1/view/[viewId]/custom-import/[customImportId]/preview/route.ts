import { loadScriptFor } from '@/lib/custom-imports/access';
import { envelopeResponse, summarize } from '@/lib/custom-imports/envelope';
import { readCustomImportRequest } from '@/lib/custom-imports/request';
import { DATA_ERRORS_TITLE, evaluate, withSandboxPlace } from '@/lib/custom-imports/service';
import { apiRoute } from '@/lib/http/handler';
import { plural } from '@/lib/shared/plural';

type Params = { viewId: string; customImportId: string };

/**
 * `{values}` → the preview `{columns, rows, totalRows, messages}` in the envelope; invalid inputs →
 * 400. Problems found in the data (the whole input is read) → 200 with the preview, status ERROR
 * and `valid: false`: the rows and every problem show, and submit-job refuses until they are fixed.
 */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  const { workspaceId, script } = await loadScriptFor(principal, params.viewId, params.customImportId);
  return withSandboxPlace(principal.userId, async (ticket) => {
    const body = await readCustomImportRequest(request, script);
    try {
      const result = await evaluate(script, workspaceId, body, 'preview', ticket);
      const preview = result.preview;
      if (!preview || (!result.valid && !result.messages.some((m) => m.title === DATA_ERRORS_TITLE))) {
        return envelopeResponse(
          'ERROR',
          summarize(false, result.messages, ''),
          { valid: false, messages: result.messages, options: result.options },
          400,
        );
      }
      const shown =
        preview.totalRows === undefined
          ? plural(preview.rows.length, 'record')
          : `${preview.rows.length.toLocaleString('en-US')} of ${plural(preview.totalRows, 'record')}`;
      if (!result.valid) {
        return envelopeResponse('ERROR', summarize(false, result.messages, ''), {
          valid: false,
          columns: preview.columns,
          rows: preview.rows,
          ...(preview.totalRows !== undefined && { totalRows: preview.totalRows }),
          messages: [...result.messages, ...preview.messages],
          options: result.options,
        });
      }
      return envelopeResponse('SUCCESS', `Preview of ${shown}.`, {
        valid: true,
        columns: preview.columns,
        rows: preview.rows,
        ...(preview.totalRows !== undefined && { totalRows: preview.totalRows }),
        messages: [...result.messages, ...preview.messages],
        options: result.options,
      });
    } finally {
      await body.discard();
    }
  });
});
