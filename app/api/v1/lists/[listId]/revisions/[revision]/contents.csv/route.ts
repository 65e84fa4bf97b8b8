import { streamContents } from '@/db/queries/list-contents';
import { compileExportRow, exportHeader } from '@/lib/export/csv-writer';
import { readQuery } from '@/lib/http/body';
import { readContentsQuery } from '@/lib/http/contents-query';
import { recordDownload } from '@/lib/http/download-audit';
import { apiRoute } from '@/lib/http/handler';
import { loadListFor } from '@/lib/lists/server/access';
import { parseRevisionNumber, revisionSource } from '@/lib/lists/server/revision-source';
import { revisionCsvQuery } from '@/lib/api-contract/revisions';

type Params = { listId: string; revision: string };

export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const source = await revisionSource(list, parseRevisionNumber(params.revision));
  const { format } = readQuery(request, revisionCsvQuery);
  const query = readContentsQuery(new URL(request.url).searchParams, source.columns);
  const row = compileExportRow(source.columns, format);
  await recordDownload(principal, {
    workspaceId: list.workspaceId,
    action: 'list.export',
    targetType: 'list',
    targetId: list.id,
    detail: { name: list.name, revision: source.revision, format, filter: new URL(request.url).searchParams.getAll('filter') },
  });
  const encoder = new TextEncoder();
  const batches = streamContents(source.table, source.columns, query);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('\uFEFF' + exportHeader(source.columns)));
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
  const fileName = `${list.name.replace(/[^\p{L}\p{N} _.-]/gu, '_')} revision ${source.revision}.csv`;
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    },
  });
});
