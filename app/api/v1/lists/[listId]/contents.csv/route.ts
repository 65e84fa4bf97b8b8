import { z } from 'zod';

import { streamContents } from '@/db/queries/list-contents';
import { compileExportRow, exportHeader } from '@/lib/export/csv-writer';
import { readQuery } from '@/lib/http/body';
import { recordDownload } from '@/lib/http/download-audit';
import { apiRoute } from '@/lib/http/handler';
import { loadListFor } from '@/lib/lists/access';

type Params = { listId: string };

const querySchema = z.object({
  format: z
    .enum(['canonical', 'list'], { message: 'format takes "canonical" (the default) or "list" (the columns’ formats).' })
    .optional()
    .default('canonical'),
});

/**
 * The whole list as CSV (UTF-8 with BOM so spreadsheets pick the encoding), streamed from a cursor.
 * Values are canonical (2024-12-31, 1234.56), or written in each column's format with ?format=list;
 * anything a spreadsheet would run as a formula is neutralised, header included.
 */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const { format } = readQuery(request, querySchema);
  const row = compileExportRow(list.columns, format);
  await recordDownload(principal, {
    workspaceId: list.workspaceId,
    action: 'list.export',
    targetType: 'list',
    targetId: list.id,
    detail: { name: list.name, format, records: list.recordCount },
  });
  const encoder = new TextEncoder();
  const batches = streamContents(list.dataTable, list.columns);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('\uFEFF' + exportHeader(list.columns)));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map(row).join('')));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const fileName = `${list.name.replace(/[^\p{L}\p{N} _.-]/gu, '_')}.csv`;
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    },
  });
});
