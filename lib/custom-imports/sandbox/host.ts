import { parentPort, workerData } from 'node:worker_threads';

import { checkScriptModule } from '../declaration';
import { hasErrors } from '../inputs';
import { createRecordShaper, formatValue } from '../records';
import type { ListValue, Message, Preview, ScriptContext, ScriptModule } from '../types';
import type { ParentMessage, SandboxResult, SandboxTask, WorkerData, WorkerMessage } from './protocol';

const RECORDS_PER_BATCH = 1000;

export type Channel = {
  send(message: WorkerMessage): void;
  /** Sends a batch of records and resolves when the parent has written it. */
  sendRecords(rows: string[][]): Promise<void>;
};

/** The worker side: loads the script named in the task and answers with a result or a failure. */
export function serveTask(loaders: Record<string, () => Promise<unknown>>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTask runs in a worker thread');
  const { task } = workerData as WorkerData;
  let ack: (() => void) | undefined;
  port.on('message', (message: ParentMessage) => {
    if (message.type === 'ack') ack?.();
  });
  const channel: Channel = {
    send: (message) => port.postMessage(message),
    sendRecords: (rows) =>
      new Promise<void>((resolve) => {
        ack = resolve;
        port.postMessage({ type: 'records', rows } satisfies WorkerMessage);
      }),
  };
  (async () => {
    const load = loaders[task.scriptId];
    if (!load) throw new Error(`The script ${task.scriptId} is not installed on this server.`);
    const checked = checkScriptModule(await load());
    if (!checked.ok) throw new Error(`The script ${task.scriptId} is not valid: ${checked.problems.join('; ')}`);
    return executeTask(checked.module, task, channel);
  })().then(
    (result) => channel.send({ type: 'result', result }),
    (error: unknown) =>
      channel.send({
        type: 'failure',
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof Error && error.stack && { stack: error.stack }),
      }),
  );
}

/** Options → Listport's dynamic-select check → script validate → preview or run. */
export async function executeTask(module: ScriptModule, task: SandboxTask, channel: Channel): Promise<SandboxResult> {
  const ctx: ScriptContext = {
    log: (level, message) => channel.send({ type: 'log', level, message: String(message) }),
    progress: (rowsRead) => channel.send({ type: 'progress', rowsRead }),
    problem: (problem) => channel.send({ type: 'problem', problem }),
    previewRows: task.previewRows,
    options: {},
  };
  const options = module.options ? await module.options(task.values, ctx) : {};
  ctx.options = options;

  const messages: Message[] = [];
  for (const input of module.inputs) {
    if (input.type !== 'select' || !input.dynamic) continue;
    const value = task.values[input.name];
    const choices = options[input.name]?.options;
    if (value !== null && value !== undefined && choices && !choices.some((o) => o.value === value)) {
      messages.push({
        status: 'ERROR',
        title: input.label,
        message: `"${String(value)}" is not one of the choices for "${input.label}"${
          choices.length
            ? `: ${choices
                .map((o) => o.value)
                .slice(0, 20)
                .join(', ')}`
            : ''
        }.`,
        input: input.name,
      });
    }
  }
  let valid = task.inputsValid && !hasErrors(messages);
  if (valid && module.validate) {
    const outcome = await module.validate(task.values, ctx);
    const scriptMessages = Array.isArray(outcome) ? outcome : outcome.messages;
    messages.push(...scriptMessages);
    valid = (Array.isArray(outcome) || outcome.valid) && !hasErrors(scriptMessages);
  }
  const validation = { valid, messages };
  if (!valid || task.method === 'validate') return { options, validation };
  if (task.method === 'preview')
    return { options, validation, preview: boundPreview(await module.preview(task.values, ctx), task.previewRows) };
  return { options, validation, recordCount: await streamRecords(module, task, ctx, channel) };
}

async function streamRecords(
  module: ScriptModule,
  task: SandboxTask,
  ctx: ScriptContext,
  channel: Channel,
): Promise<number> {
  const list = Object.values(task.values).find(
    (v): v is ListValue => typeof v === 'object' && v !== null && 'columns' in v,
  );
  if (!list) throw new Error('The target list is missing from the values.');
  const shaper = createRecordShaper(list.columns);
  let batch: string[][] = [];
  let count = 0;
  for await (const record of module.run(task.values, ctx)) {
    if (++count > task.maxRecords) {
      throw new Error(
        `The script produced more than ${task.maxRecords.toLocaleString('en-US')} records, the most one job may load. Split the source, or ask your administrator to raise CUSTOM_IMPORT_MAX_RECORDS.`,
      );
    }
    if (record === null || typeof record !== 'object')
      throw new Error(`Record ${count} is not an object or an array (got ${typeof record}).`);
    batch.push(shaper.shape(record));
    if (batch.length >= RECORDS_PER_BATCH) {
      await channel.sendRecords(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await channel.sendRecords(batch);
  const unknown = shaper.unknownFields();
  if (unknown.length > 0) {
    ctx.log(
      'WARN',
      `These fields are not columns of the list "${list.name}" and were not loaded: ${unknown.map((f) => `"${f}"`).join(', ')}.`,
    );
  }
  return count;
}

/** A preview travels as JSON to the browser: at most `rows` rows of plain values. */
function boundPreview(preview: Preview, rows: number): Preview {
  return {
    columns: preview.columns.map(String),
    rows: preview.rows
      .slice(0, rows)
      .map((row) =>
        row.map((v) =>
          v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
            ? v
            : formatValue(v, undefined),
        ),
      ),
    ...(preview.totalRows !== undefined && { totalRows: preview.totalRows }),
    messages: preview.messages,
  };
}
