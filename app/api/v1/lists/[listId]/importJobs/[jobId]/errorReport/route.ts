import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';

import { getJobErrors } from '@/db/queries/job-errors';
import { getListById } from '@/db/queries/lists';
import type { Job } from '@/db/schema';
import type { Principal } from '@/lib/auth/principal';
import { FileReadError } from '@/lib/csv/decode';
import { ApiError } from '@/lib/errors';
import type { Ticket } from '@/lib/http/admission';
import { admittedDownloadBody } from '@/lib/http/admitted-download';
import { attachmentDisposition } from '@/lib/http/attachment';
import { recordDownload } from '@/lib/http/download-audit';
import { errorReports } from '@/lib/http/error-reports';
import { apiRoute } from '@/lib/http/handler';
import { errorReportCsv } from '@/lib/jobs/error-report';
import { loadJobFor } from '@/lib/jobs/load-job';

type Params = { listId: string; jobId: string };

/**
 * The original rows plus an "Import errors" column, as CSV (UTF-8 with BOM for spreadsheets). Made in
 * turn (lib/http/error-reports.ts): one whose client leaves while it waits never starts, and one
 * whose client takes nothing for CSV_EXPORT_STALL_SECONDS is ended as incomplete, giving its place back.
 */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer', { listId: params.listId });
  const filePath = job.filePath;
  if (!filePath || !(await fs.stat(filePath).catch(() => undefined)))
    throw ApiError.notFound('The original file of this job');
  const ticket = errorReports.admit(principal.userId);
  try {
    await ticket.turn(request.signal);
    return await errorReport(job, filePath, principal, ticket);
  } catch (error) {
    ticket.release();
    throw error;
  }
});

async function errorReport(job: Job, filePath: string, principal: Principal, ticket: Ticket): Promise<Response> {
  await recordDownload(principal, {
    workspaceId: job.workspaceId,
    action: 'job.error-report.download',
    targetType: 'job',
    targetId: job.id,
    detail: { fileName: job.fileName, listId: job.listId },
  });
  // Every stored error (at most the job's threshold, 10,000): the report marks each one's row.
  const errors = await getJobErrors(job.id, { start: 0, limit: job.totalErrors });
  const list = job.listId ? await getListById(job.listId) : undefined;
  const body = admittedDownloadBody({
    first: '\uFEFF',
    chunks: errorReportCsv(createReadStream(filePath), {
      delimiter: job.delimiter ?? ',',
      errors,
      columns: list?.columns ?? [],
      unescapeFormulas: job.kind === 'import' && (job.options.unescapeFormulas ?? true),
      ...(job.options.encoding && { encoding: job.options.encoding }),
    }),
    ticket,
    what: `error report of job ${job.id}`,
    // The file cannot be read as text at all (binary, another encoding): the report is the error
    // itself. Any other failure to read the stored file (removed, replaced, a disk error) cuts the
    // download short.
    lastChunk: (error) =>
      error instanceof FileReadError
        ? `${errors.map((e) => `"${e.message.replaceAll('"', '""')}"`).join('\r\n')}\r\n`
        : undefined,
  });
  const base = (job.fileName ?? 'import').replace(/\.[^.]+$/, '');
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachmentDisposition(`${base}-errors.csv`),
    },
  });
}
