import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { DataType } from '@/lib/shared/data-types';

import { executeTask } from '../sandbox/host';
import type { SandboxTask } from '../sandbox/protocol';
import type { FileValue, InputValues, ListValue, LogLevel, ScriptModule, SourceProblem } from '../types';

/** Test helpers: run a script module in this thread (the sandbox has tests of its own). */

type ColumnSpec = { name: string; dataType?: DataType; isKey?: boolean; required?: boolean; maxLength?: number };

export function listValue(columns: ColumnSpec[], name = 'Target'): ListValue {
  let keys = 0;
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name,
    columns: columns.map((c, i) => ({
      name: c.name,
      dataType: c.dataType ?? 'string',
      position: i + 1,
      isKey: Boolean(c.isKey),
      keyPosition: c.isKey ? ++keys : 0,
      required: Boolean(c.required || c.isKey),
      ...(c.maxLength && { maxLength: c.maxLength }),
    })),
  };
}

let dir: string | undefined;
export async function tempFile(name: string, content: string | Uint8Array): Promise<FileValue> {
  dir ??= await fs.mkdtemp(path.join(os.tmpdir(), 'listport-scripts-'));
  const target = path.join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  await fs.writeFile(target, content);
  const bytes = await fs.readFile(target);
  return {
    name,
    size: bytes.length,
    type: 'application/octet-stream',
    path: target,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export type TaskOutcome = Awaited<ReturnType<typeof executeTask>> & {
  rows: string[][];
  problems: SourceProblem[];
  logs: [LogLevel, string][];
};

export async function runTask(
  module: ScriptModule,
  method: SandboxTask['method'],
  values: InputValues,
  previewRows = 20,
): Promise<TaskOutcome> {
  const rows: string[][] = [];
  const problems: SourceProblem[] = [];
  const logs: [LogLevel, string][] = [];
  const withDefaults: InputValues = { ...values };
  for (const input of module.inputs) {
    if (withDefaults[input.name] === undefined && 'default' in input && input.default !== undefined)
      withDefaults[input.name] = input.default;
  }
  const result = await executeTask(
    module,
    { scriptId: 'test', method, values: withDefaults, inputsValid: true, previewRows, maxRecords: 1_000_000 },
    {
      send: (message) => {
        if (message.type === 'log') logs.push([message.level, message.message]);
        if (message.type === 'problem') problems.push(message.problem);
      },
      sendRecords: async (batch) => void rows.push(...batch),
    },
  );
  return { ...result, rows, problems, logs };
}
