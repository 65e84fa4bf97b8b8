import { randomUUID } from 'node:crypto';
import path from 'node:path';

import { findLists, getListById } from '@/db/queries/lists';
import type { Job, List } from '@/db/schema';
import { auditAs } from '@/lib/audit/audit-as';
import type { Principal } from '@/lib/auth/principal';
import { env } from '@/lib/env';
import { admission, type Ticket } from '@/lib/http/admission';
import { createJobOrConflict } from '@/lib/jobs/create-job-or-conflict';
import { enqueueJob } from '@/lib/jobs/queue';
import { assertListAcceptsJobs } from '@/lib/jobs/submit';
import { isUuid } from '@/lib/shared/ids';
import { plural } from '@/lib/shared/plural';

import { hasErrors, resolveInputs, type ListLookup, type RawValues, type StoredFiles } from './inputs';
import { PREVIEW_ROWS, sandboxAdmissionOptions, sandboxLimits } from './limits';
import type { RegisteredScript } from './registry';
import type { CustomImportRequest } from './request';
import { runInSandbox, SandboxError } from './sandbox/run-in-sandbox';
import type { DynamicOptions, InputValues, Message, Preview } from './types';

export type Evaluation = {
  valid: boolean;
  messages: Message[];
  options: DynamicOptions;
  preview?: Preview;
  list?: List;
  values: InputValues;
};

/** The interactive sandboxes of this process (see sandboxAdmissionOptions). */
export const sandboxes = admission('custom-import-sandbox', sandboxAdmissionOptions);

/**
 * Runs a validate-input / preview / submit-job request holding a place among the process's
 * sandboxes: taken before the request's files are read (refused: 429 or 503, nothing stored),
 * its turn awaited just before the script runs.
 */
export async function withSandboxPlace<T>(userId: string, work: (ticket: Ticket) => Promise<T>): Promise<T> {
  const ticket = sandboxes.admit(userId);
  try {
    return await work(ticket);
  } finally {
    ticket.release();
  }
}

/** A list of the workspace by id or exact name; lists elsewhere do not exist for this request. */
export function listLookup(workspaceId: string): ListLookup {
  return async (reference) => {
    if (isUuid(reference)) {
      const list = await getListById(reference);
      return list?.workspaceId === workspaceId ? list : undefined;
    }
    const { items } = await findLists(
      [workspaceId],
      { nameEquals: reference },
      { by: 'name', descending: false },
      { start: 0, limit: 1 },
    );
    return items[0];
  };
}

/**
 * Listport's checks, then the script's own (options → validate → preview) in the sandbox. A
 * script that throws or overruns is reported as an ERROR message, never as a server error.
 */
export async function evaluate(
  script: RegisteredScript,
  workspaceId: string,
  request: Pick<CustomImportRequest, 'raw' | 'files'>,
  method: 'validate' | 'preview',
  ticket: Ticket,
): Promise<Evaluation> {
  const resolved = await resolveInputs(script.inputs, request.raw, request.files, listLookup(workspaceId));
  const inputsValid = !hasErrors(resolved.messages);
  const limits = sandboxLimits('interactive');
  const base = { list: resolved.list, values: resolved.values };
  await ticket.turn();
  try {
    const result = await runInSandbox(
      {
        scriptId: script.id,
        method,
        values: resolved.values,
        inputsValid,
        previewRows: PREVIEW_ROWS,
        maxRecords: limits.maxRecords,
      },
      limits,
    ).result;
    const previewErrors = dataErrors(result.preview, resolved.values);
    const valid = inputsValid && result.validation.valid && previewErrors.length === 0;
    return {
      ...base,
      valid,
      messages: [
        ...resolved.messages,
        ...result.validation.messages,
        ...(previewErrors.length > 0 ? [dataErrorsSummary(previewErrors)] : []),
      ],
      options: result.options,
      ...(result.preview && { preview: result.preview }),
    };
  } catch (error) {
    if (!(error instanceof SandboxError)) throw error;
    const title = error.kind === 'script' ? 'The import script failed' : 'The import script was stopped';
    return {
      ...base,
      valid: false,
      options: {},
      messages: [...resolved.messages, { status: 'ERROR', title, message: error.message }],
    };
  }
}

/**
 * The errors a preview found in the data that stand in the way of a load: every one, unless the
 * person asked to leave out the rows the source cannot give (then only those that are not such).
 */
export function dataErrors(preview: Preview | undefined, values: InputValues): Message[] {
  const errors = preview?.messages.filter((m) => m.status === 'ERROR') ?? [];
  return values.skipSourceProblems === true ? errors.filter((m) => !m.skippable) : errors;
}

export const DATA_ERRORS_TITLE = 'Problems in the data';

function dataErrorsSummary(errors: Message[]): Message {
  const n = errors.length;
  const skippable = errors.every((m) => m.skippable);
  return {
    status: 'ERROR',
    title: DATA_ERRORS_TITLE,
    message: `The preview found ${plural(n, 'problem')} in the data. Fix ${n === 1 ? 'it' : 'them'} in the source and preview again${skippable ? ', or choose to leave out the rows the source cannot give' : ''}.`,
  };
}

/** What a custom job keeps of its request: the plain values (the list by id) and the stored files. */
export type StoredInputs = { raw: RawValues; files: StoredFiles };

export type Submitted = { job: Job; evaluation: Evaluation; jobName: string };

/**
 * submit-job: everything is checked again on the server (a preview sent by the client is only
 * compared, never used), then the job is created under the list's lock and queued.
 */
export async function submitCustomImport(
  principal: Principal,
  workspaceId: string,
  script: RegisteredScript,
  request: CustomImportRequest,
  ticket: Ticket,
): Promise<Submitted | { invalid: Evaluation }> {
  const evaluation = await evaluate(
    script,
    workspaceId,
    request,
    request.preview !== undefined ? 'preview' : 'validate',
    ticket,
  );
  ticket.release();
  const list = evaluation.list;
  if (!evaluation.valid || !list) return { invalid: evaluation };
  if (request.preview !== undefined && evaluation.preview && !samePreview(request.preview, evaluation.preview)) {
    evaluation.messages.push({
      status: 'WARN',
      title: 'Preview ignored',
      message:
        'The preview sent with this request does not match what the server computed from the inputs now. The job loads what the server reads from the inputs, not the preview.',
    });
  }
  await assertListAcceptsJobs(list);

  const listInput = script.inputs.find((i) => i.type === 'list')!;
  const fileInput = script.inputs.find((i) => i.type === 'file');
  const file = fileInput ? request.files[fileInput.name] : undefined;
  const raw = Object.fromEntries(
    Object.entries(request.raw).filter(([name]) => script.inputs.some((i) => i.name === name && i.type !== 'file')),
  );
  const stored: StoredInputs = { raw: { ...raw, [listInput.name]: list.id }, files: request.files };
  const stem = file ? file.name.replace(/\.[^.]+$/, '') : script.name;
  const job = await createJobOrConflict({
    kind: 'custom',
    workspaceId,
    listId: list.id,
    customImportId: script.id,
    options: { customImportTitle: script.title },
    inputs: stored,
    mode: evaluation.values.mode as Job['mode'],
    errorThreshold: evaluation.values.errorThreshold as number,
    delimiter: ',',
    // The job's file is the CSV the script produces: what was loaded, downloadable from the job.
    fileName: `${stem}.${script.name}.csv`,
    filePath: path.join(env().uploadDir, `${randomUUID()}.custom.csv`),
    createdBy: principal.userId,
    createdByEmail: principal.email,
  });
  const jobName = `${script.id}-${job.id}`;
  await auditAs(principal, {
    workspaceId,
    action: 'custom-import.create',
    targetType: 'job',
    targetId: job.id,
    detail: {
      listId: list.id,
      customImportId: script.id,
      customImportTitle: script.title,
      ...(file && { fileName: file.name, sha256: file.sha256 }),
    },
  });
  await enqueueJob(job.id);
  return { job, evaluation, jobName };
}

/** Compares what the rows say, not how they were serialised. */
function samePreview(sent: unknown, computed: Preview): boolean {
  if (!sent || typeof sent !== 'object') return false;
  const s = sent as { columns?: unknown; rows?: unknown };
  return (
    JSON.stringify(s.columns) === JSON.stringify(computed.columns) &&
    JSON.stringify(s.rows) === JSON.stringify(computed.rows)
  );
}
