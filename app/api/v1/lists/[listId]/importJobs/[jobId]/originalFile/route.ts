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
 * The file the person chose in the import wizard, byte for byte (an .xlsx stays an .xlsx), when the
 * wizard loaded a file made from it. `…/file` is the file that was loaded.
 */
export const GET = apiRoute<Params>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer', { listId: params.listId });
  const path = job.originalFilePath;
  const stat = path ? await fs.stat(path).catch(() => undefined) : undefined;
  if (!path || !stat) throw ApiError.notFound('The file chosen for this job');
  await recordDownload(principal, {
    workspaceId: job.workspaceId,
    action: 'job.file.download',
    targetType: 'job',
    targetId: job.id,
    detail: { fileName: job.originalFileName, listId: job.listId, which: 'original' },
  });
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream;
  return new Response(body, {
    headers: {
      // Whatever the person chose; the browser must not guess and render it.
      'content-type': 'application/octet-stream',
      'content-length': String(stat.size),
      'content-disposition': attachmentDisposition(job.originalFileName ?? 'original'),
      'x-content-type-options': 'nosniff',
    },
  });
});
