import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';

import { ApiError } from '@/lib/errors';
import { attachmentDisposition } from '@/lib/http/attachment';
import { recordDownload } from '@/lib/http/download-audit';
import { apiRoute } from '@/lib/http/handler';
import { loadJobFor } from '@/lib/jobs/load-job';

type Params = { listId: string; jobId: string };

/**
 * The rows with problems the person left out in the import wizard, as it sent them: their file's
 * columns with the edits made, plus a "Problems" column — to fix and import later, long after the
 * wizard was closed.
 */
export const GET = apiRoute<Params>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer', { listId: params.listId });
  const path = job.leftOutFilePath;
  const stat = path ? await fs.stat(path).catch(() => undefined) : undefined;
  if (!path || !stat) throw ApiError.notFound('The rows left out of this job');
  const fileName = job.leftOutFileName ?? 'left-out.csv';
  await recordDownload(principal, {
    workspaceId: job.workspaceId,
    action: 'job.file.download',
    targetType: 'job',
    targetId: job.id,
    detail: { fileName, listId: job.listId, which: 'leftOutRows' },
  });
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream;
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(stat.size),
      'content-disposition': attachmentDisposition(fileName),
      'x-content-type-options': 'nosniff',
    },
  });
});
