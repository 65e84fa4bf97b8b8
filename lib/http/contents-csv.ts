import { streamContents } from '@/db/queries/list-contents';
import type { List } from '@/db/schema';
import { contentsCsvQuery } from '@/lib/api-contract/lists';
import type { Principal } from '@/lib/auth/principal';
import { compileExportRow, exportHeader } from '@/lib/export/csv-writer';
import type { ListColumn } from '@/lib/shared/list-column';

import { attachmentDisposition } from './attachment';
import { readQuery } from './body';
import { readContentsQuery } from './contents-query';
import { recordDownload } from './download-audit';

/**
 * Records as a CSV download (UTF-8 with BOM so spreadsheets pick the encoding), streamed from a cursor:
 * all of them, or those `filter` selects, in `sortBy` order — the parameters of `…/contents`. Values
 * are canonical, or written in each column's format with ?format=list. The export is audited before
 * the first byte is sent. Serves a list's contents and a kept revision's alike.
 */
export async function contentsCsvResponse(
  request: Request,
  principal: Principal,
  {
    list,
    source,
    fileNameSuffix = '',
    detail,
  }: {
    list: Pick<List, 'id' | 'name' | 'workspaceId'>;
    /** Where the records are: the list's own table, or a kept revision's. */
    source: { table: string; columns: readonly ListColumn[] };
    /** Said after the list's name in the file's name, e.g. " revision 3". */
    fileNameSuffix?: string;
    /** What the audit event says beside the list's name, the format and the filters. */
    detail: Record<string, unknown>;
  },
): Promise<Response> {
  const { format } = readQuery(request, contentsCsvQuery);
  const search = new URL(request.url).searchParams;
  const query = readContentsQuery(search, source.columns);
  const row = compileExportRow(source.columns, format);
  await recordDownload(principal, {
    workspaceId: list.workspaceId,
    action: 'list.export',
    targetType: 'list',
    targetId: list.id,
    detail: { name: list.name, ...detail, format, filter: search.getAll('filter') },
  });
  const encoder = new TextEncoder();
  const batches = streamContents(source.table, source.columns, query);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('\uFEFF' + exportHeader(source.columns)));
    },
    async pull(controller) {
      let next: IteratorResult<(string | null)[][]>;
      try {
        next = await batches.next();
      } catch (error) {
        // The records stopped coming (the connection ended — streamContents throws ExportCutShort when
        // its cursor ends quietly short of the statement's count — or the list's table went): the
        // download must not end as if complete. Erroring the stream makes the server cut the connection
        // without the last chunk of the chunked encoding, which clients report as an incomplete
        // transfer (curl exit 18, a browser's "failed" download).
        console.error(`[api] CSV export of list ${list.id}${fileNameSuffix} cut short:`, error);
        controller.error(error);
        return;
      }
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
  // Characters a file system may refuse become "_".
  const name = `${list.name.replace(/[^\p{L}\p{N} _.-]/gu, '_')}${fileNameSuffix}.csv`;
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachmentDisposition(name),
    },
  });
}
