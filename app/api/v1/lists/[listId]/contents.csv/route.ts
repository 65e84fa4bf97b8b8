import { streamContents } from '@/db/queries/list-contents';
import { csvRow, exportRow } from '@/lib/export/csv-writer';
import { apiRoute } from '@/lib/http/handler';
import { loadListFor } from '@/lib/lists/access';

type Params = { listId: string };

/** The whole list as CSV (UTF-8 with BOM so spreadsheets pick the encoding), streamed from a cursor. */
export const GET = apiRoute<Params>(async ({ principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const encoder = new TextEncoder();
  const batches = streamContents(list.dataTable, list.columns);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('\uFEFF' + csvRow(list.columns.map((c) => c.name))));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map((row) => exportRow(row, list.columns)).join('')));
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
