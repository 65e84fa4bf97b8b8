import { loadScriptFor } from '@/lib/custom-imports/access';
import { envelopeResponse, summarize } from '@/lib/custom-imports/envelope';
import { readCustomImportRequest } from '@/lib/custom-imports/request';
import { submitCustomImport, withSandboxPlace } from '@/lib/custom-imports/service';
import { apiRoute } from '@/lib/http/handler';
import { jobPath } from '@/lib/jobs/resource';

type Params = { viewId: string; customImportId: string };

/**
 * `{values, preview}` → 200 `{status: "SUCCESS", payload: {valid: true, messages: [{INFO, "Success",
 * "Custom import job <script>-<uuid> submitted"}], jobId}}`; invalid → 400 with the messages; a
 * busy list → 409 in the API's error shape.
 */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  const { workspaceId, script } = await loadScriptFor(principal, params.viewId, params.customImportId);
  return withSandboxPlace(principal.userId, async (ticket) => {
    const body = await readCustomImportRequest(request, script);
    let kept = false;
    try {
      const outcome = await submitCustomImport(principal, workspaceId, script, body, ticket);
      if ('invalid' in outcome) {
        const { messages } = outcome.invalid;
        return envelopeResponse('ERROR', summarize(false, messages, ''), { valid: false, messages }, 400);
      }
      kept = true;
      const { job, jobName, evaluation } = outcome;
      const message = `Custom import job ${jobName} submitted`;
      const warnings = evaluation.messages.filter((m) => m.status === 'WARN');
      return envelopeResponse('SUCCESS', message, {
        valid: true,
        messages: [{ status: 'INFO', title: 'Success', message }, ...warnings],
        jobId: job.id,
        job: jobPath(job),
      });
    } finally {
      if (!kept) await body.discard();
    }
  });
});
