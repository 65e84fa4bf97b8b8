import fs from 'node:fs/promises';

import { apiRoute } from '@/lib/http/handler';
import { problemToJobError } from '@/lib/jobs/job-error';
import { importPreviews } from '@/lib/jobs/preview/preview-admission';
import { previewInThread } from '@/lib/jobs/preview/preview-in-thread';
import { importOptionsSchema, resolveDelimiter } from '@/lib/jobs/submit';
import { loadListFor } from '@/lib/lists/server/access';
import { missingFile, receiveUpload } from '@/lib/uploads/receive-upload';

type Params = { listId: string };

/**
 * What importing this file would do, computed by the server's own checks without loading
 * anything: `{valid, rowsRead, newRecords, updatedRecords, unchangedRecords, removedByReplace, errors}`.
 * The check runs in a worker thread with its own connection: the event loop stays free for others.
 */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  await loadListFor(principal, params.listId, 'editor');
  // The user's place before the upload (a refused request stores nothing), the turn after it.
  const ticket = importPreviews.admit(principal.userId);
  try {
    const upload = await receiveUpload(request, { fileField: 'dataFile' });
    if (!upload.file) throw missingFile('dataFile');
    try {
      const options = await resolveDelimiter(importOptionsSchema.parse(upload.fields), upload.file.path);
      // A client that left while it waited never has its file checked.
      await ticket.turn(request.signal);
      // The upload and the wait took a while: the list may have been deleted (or changed) meanwhile.
      const list = await loadListFor(principal, params.listId, 'editor');
      const result = await previewInThread({
        path: upload.file.path,
        table: list.dataTable,
        columns: list.columns,
        mode: options.mode,
        delimiter: options.delimiter,
        errorThreshold: options.errorThreshold,
        unescapeFormulas: options.unescapeFormulas,
        ...(options.encoding && { encoding: options.encoding }),
      });
      if (!result.ok) {
        return Response.json({
          valid: false,
          rowsRead: result.rowsRead,
          stoppedAtThreshold: result.stoppedAtThreshold,
          errors: result.problems.map(problemToJobError),
        });
      }
      const { ok: _ok, ...counts } = result;
      return Response.json({ valid: true, mode: options.mode, ...counts, errors: [] });
    } finally {
      await fs.rm(upload.file.path, { force: true });
    }
  } finally {
    ticket.release();
  }
});
