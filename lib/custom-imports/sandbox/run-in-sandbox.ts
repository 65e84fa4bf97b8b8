import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

import { spawnTsxWorker } from '@/lib/runtime/tsx-worker';

import type { SandboxLimits } from '../limits';
import type { LogLevel, SourceProblem } from '../types';
import type { ParentMessage, SandboxResult, SandboxTask, WorkerData, WorkerMessage } from './protocol';

export type SandboxFailureKind = 'script' | 'timeout' | 'memory' | 'crash' | 'stopped';

/** Why a script did not finish: its own exception, the deadline, the memory bound, or a crash. */
export class SandboxError extends Error {
  constructor(
    readonly kind: SandboxFailureKind,
    message: string,
    readonly scriptStack?: string,
  ) {
    super(message);
  }
}

export type SandboxHooks = {
  onLog?: (level: LogLevel, message: string) => void | Promise<void>;
  onProgress?: (rowsRead: number) => void | Promise<void>;
  onProblem?: (problem: SourceProblem) => void | Promise<void>;
  /** Receives record batches in order; the worker waits until this resolves (back-pressure). */
  onRecords?: (rows: string[][]) => Promise<void>;
};

export type SpawnWorker = (data: WorkerData, resourceLimits: ResourceLimits, env: NodeJS.ProcessEnv) => Worker;

export type SandboxRun = { result: Promise<SandboxResult>; stop: () => Promise<void> };

/**
 * Runs one task in a fresh worker thread. The worker's heap is capped (`resourceLimits`), a timer
 * terminates it at the deadline, and whatever goes wrong in it — an exception, an endless loop,
 * running out of memory — becomes a SandboxError here; the server process is never affected.
 */
export function runInSandbox(
  task: SandboxTask,
  limits: SandboxLimits,
  hooks: SandboxHooks = {},
  spawn: SpawnWorker = spawnScriptWorker,
): SandboxRun {
  // A private temporary directory (TMPDIR in the worker's own environment) is removed with the
  // worker, so files a script or its libraries leave behind never outlive the task.
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'listport-script-'));
  const worker = spawn(
    { task },
    {
      maxOldGenerationSizeMb: limits.memoryMb,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(limits.memoryMb / 8))),
    },
    { ...process.env, TMPDIR: tmpDir, TMP: tmpDir, TEMP: tmpDir },
  );
  void new Promise((resolve) => worker.once('exit', resolve)).then(() =>
    fs.promises.rm(tmpDir, { recursive: true, force: true }),
  );
  let settled = false;
  let chain = Promise.resolve();
  let stopNow: () => void = () => {};

  const result = new Promise<SandboxResult>((resolve, reject) => {
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
      void worker.terminate();
    };
    const fail = (error: SandboxError) => settle(() => reject(error));
    stopNow = () => fail(new SandboxError('stopped', 'The import script was stopped.'));
    const deadline = setTimeout(
      () =>
        fail(
          new SandboxError(
            'timeout',
            `The import script did not finish within ${formatDuration(limits.deadlineMs)} and was stopped.`,
          ),
        ),
      limits.deadlineMs,
    );

    // Messages are handled strictly in order (logs, records and the result must not overtake each other).
    worker.on('message', (message: WorkerMessage) => {
      chain = chain
        .then(() => handle(message))
        .catch((error: unknown) =>
          fail(
            error instanceof SandboxError
              ? error
              : new SandboxError('crash', error instanceof Error ? error.message : String(error)),
          ),
        );
    });
    const handle = async (message: WorkerMessage) => {
      if (settled) return;
      switch (message.type) {
        case 'log':
          await hooks.onLog?.(message.level, message.message);
          break;
        case 'progress':
          await hooks.onProgress?.(message.rowsRead);
          break;
        case 'problem':
          await hooks.onProblem?.(message.problem);
          break;
        case 'records':
          if (!hooks.onRecords) throw new SandboxError('crash', 'The script produced records outside a run.');
          await hooks.onRecords(message.rows);
          if (!settled) worker.postMessage({ type: 'ack' } satisfies ParentMessage);
          break;
        case 'result':
          settle(() => resolve(message.result));
          break;
        case 'failure':
          fail(new SandboxError('script', message.message, message.stack));
          break;
      }
    };
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        fail(
          new SandboxError(
            'memory',
            `The import script needed more than ${limits.memoryMb} MB of memory and was stopped.`,
          ),
        );
      } else {
        // An exception the script threw outside the awaited flow (a timer, an event handler).
        fail(new SandboxError('script', error.message, error.stack));
      }
    });
    worker.on('exit', (code) => {
      // Let already-queued messages (a result posted just before exit) be handled first.
      void chain.then(() =>
        fail(new SandboxError('crash', `The import script stopped unexpectedly (exit code ${code}).`)),
      );
    });
  });
  // Nobody may be listening yet when a failure happens; the caller reads `result` later.
  result.catch(() => {});

  return {
    result,
    stop: async () => {
      stopNow();
      await worker.terminate();
    },
  };
}

/**
 * In the production build (Next's server bundle) the worker entry is bundled by Next itself from
 * this `new Worker(new URL(…))` expression. Run from TypeScript sources (`npm run worker`, tests),
 * the worker loads the entry through tsx instead.
 */
export function spawnScriptWorker(data: WorkerData, resourceLimits: ResourceLimits, env: NodeJS.ProcessEnv): Worker {
  if (process.env.NEXT_RUNTIME) {
    return new Worker(new URL('./worker-entry.ts', import.meta.url), { workerData: data, resourceLimits, env });
  }
  return spawnTsxWorker(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker-entry.ts'),
    data,
    resourceLimits,
    env,
  );
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`;
}
