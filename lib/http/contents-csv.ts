import { streamContents } from '@/db/queries/list-contents';
import type { List } from '@/db/schema';
import { contentsCsvQuery } from '@/lib/api-contract/lists';
import type { Principal } from '@/lib/auth/principal';
import { env } from '@/lib/env';
import { compileExportRow, exportHeader } from '@/lib/export/csv-writer';
import type { ListColumn } from '@/lib/shared/list-column';

import { admission, type Ticket } from './admission';
import { admittedDownloadBody } from './admitted-download';
import { attachmentDisposition } from './attachment';
import { readQuery } from './body';
import { readContentsQuery } from './contents-query';
import { recordDownload } from './download-audit';

/**
 * Records as a CSV download (UTF-8 with BOM so spreadsheets pick the encoding), streamed from a cursor:
 * all of them, or those `filter` selects, in `sortBy` order — the parameters of `…/contents`. Values
 * are canonical, or written in each column's format with ?format=list. The export is audited before
 * the first byte is sent. Serves a list's contents and a kept revision's alike.
 *
 * An export holds a pooled database connection (its cursor) for as long as its client reads: one
 * client that opened 20 downloads and read none took the whole pool, and /api/health and every other
 * request waited as long as it liked. So exports go through an admission (CSV_EXPORTS at once per
 * process, 4× as many wait up to 60 s, CSV_EXPORTS_PER_USER places per user; past that 429/503 with
 * Retry-After; one whose client leaves while it waits leaves the line), and an export whose client
 * takes nothing for CSV_EXPORT_STALL_SECONDS is ended as incomplete, which gives its connection and
 * its place back.
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
  const ticket = csvExports.admit(principal.userId);
  try {
    // A download whose client left while it waited gives its place up and never starts its query.
    await ticket.turn(request.signal);
    return await streamedCsv(
      principal,
      { list, source, fileNameSuffix, detail, format, filter: search.getAll('filter') },
      query,
      row,
      ticket,
    );
  } catch (error) {
    ticket.release();
    throw error;
  }
}

/** The exports of this process (see contentsCsvResponse). */
export const csvExports = admission('csv-export', () => {
  const config = env();
  return {
    what: 'CSV export',
    concurrency: config.CSV_EXPORTS,
    queue: 4 * config.CSV_EXPORTS,
    perUser: config.CSV_EXPORTS_PER_USER,
    maxWaitMs: 60_000,
  };
});

async function streamedCsv(
  principal: Principal,
  {
    list,
    source,
    fileNameSuffix,
    detail,
    format,
    filter,
  }: {
    list: Pick<List, 'id' | 'name' | 'workspaceId'>;
    source: { table: string; columns: readonly ListColumn[] };
    fileNameSuffix: string;
    detail: Record<string, unknown>;
    format: string;
    filter: string[];
  },
  query: ReturnType<typeof readContentsQuery>,
  row: ReturnType<typeof compileExportRow>,
  ticket: Ticket,
): Promise<Response> {
  await recordDownload(principal, {
    workspaceId: list.workspaceId,
    action: 'list.export',
    targetType: 'list',
    targetId: list.id,
    detail: { name: list.name, ...detail, format, filter },
  });
  const batches = streamContents(source.table, source.columns, query);
  // The records may stop coming (the connection ended — streamContents throws ExportCutShort when
  // its cursor ends quietly short of the statement's count — or the list's table went): the
  // download is then cut short, never ended as if complete.
  async function* chunks() {
    for await (const batch of batches) yield batch.map(row).join('');
  }
  const body = admittedDownloadBody({
    first: '\uFEFF' + exportHeader(source.columns),
    chunks: chunks(),
    ticket,
    what: `CSV export of list ${list.id}${fileNameSuffix}`,
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
