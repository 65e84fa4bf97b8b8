
import { contentsCsvQuery } from '@/lib/api-contract/lists';
import { streamContents } from '@/db/queries/list-contents';
import { compileExportRow, exportHeader } from '@/lib/export/csv-writer';
import { readQuery } from '@/lib/http/body';
import { readContentsQuery } from '@/lib/http/contents-query';
import { recordDownload } from '@/lib/http/download-audit';
import { apiRoute } from '@/lib/http/handler';
import { loadListFor } from '@/lib/lists/server/access';

type Params = { listId: string };

/**
 * The list's records as CSV (UTF-8 with BOM so spreadsheets pick the encoding), streamed from a cursor:
 * all of them, or those `filter` selects, in `sortBy` order — the same parameters as `…/contents`.
 * Values are canonical (2024-12-31, 1234.56), or written in each column's format with ?format=list;
 * anything a spreadsheet would run as a formula is neutralised, header included.
 */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const { format } = readQuery(request, contentsCsvQuery);
  const query = readContentsQuery(new URL(request.url).searchParams, list.columns);
  const row = compileExportRow(list.columns, format);
  await recordDownload(principal, {
    workspaceId: list.workspaceId,
    action: 'list.export',
    targetType: 'list',
    targetId: list.id,
    detail: { name: list.name, format, records: list.recordCount, filter: new URL(request.url).searchParams.getAll('filter') },
  });
  const encoder = new TextEncoder();
  const batches = streamContents(list.dataTable, list.columns, query);
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
