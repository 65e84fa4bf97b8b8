import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';

import { getJobErrors } from '@/db/queries/job-errors';
import { getListById } from '@/db/queries/lists';
import { FileReadError } from '@/lib/csv/decode';
import { ApiError } from '@/lib/errors';
import { attachmentDisposition } from '@/lib/http/attachment';
import { recordDownload } from '@/lib/http/download-audit';
import { apiRoute } from '@/lib/http/handler';
import { errorReportCsv } from '@/lib/jobs/error-report';
import { loadJobFor } from '@/lib/jobs/load-job';

type Params = { listId: string; jobId: string };

/** The original rows plus an "Import errors" column, as CSV (UTF-8 with BOM for spreadsheets). */
export const GET = apiRoute<Params>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer', { listId: params.listId });
  if (!job.filePath || !(await fs.stat(job.filePath).catch(() => undefined)))
    throw ApiError.notFound('The original file of this job');
  await recordDownload(principal, {
    workspaceId: job.workspaceId,
    action: 'job.error-report.download',
    targetType: 'job',
    targetId: job.id,
    detail: { fileName: job.fileName, listId: job.listId },
  });
  const encoder = new TextEncoder();
  // Every stored error (at most the job's threshold, 10,000): the report marks each one's row.
  const errors = await getJobErrors(job.id, { start: 0, limit: job.totalErrors });
  const list = job.listId ? await getListById(job.listId) : undefined;
  const parts = errorReportCsv(createReadStream(job.filePath), {
    delimiter: job.delimiter ?? ',',
    errors,
    columns: list?.columns ?? [],
    unescapeFormulas: job.kind === 'import' && (job.options.unescapeFormulas ?? true),
    ...(job.options.encoding && { encoding: job.options.encoding }),
  });
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode('\uFEFF'));
      }
      try {
        const next = await parts.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        if (error instanceof FileReadError) {
          // The file cannot be read as text at all (binary, another encoding): the report is the error itself.
          controller.enqueue(
            encoder.encode(`${errors.map((e) => `"${e.message.replaceAll('"', '""')}"`).join('\r\n')}\r\n`),
          );
          controller.close();
          return;
        }
        // The stored file could not be read (removed, replaced, a disk error): the download must not
        // end as if complete. Erroring the stream cuts the connection without the chunked encoding's
        // last chunk, which clients report as an incomplete transfer (as lib/http/contents-csv.ts does).
        console.error(`[api] error report of job ${job.id} cut short:`, error);
        controller.error(error);
      }
    },
  });
  const base = (job.fileName ?? 'import').replace(/\.[^.]+$/, '');
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachmentDisposition(`${base}-errors.csv`),
    },
  });
});
