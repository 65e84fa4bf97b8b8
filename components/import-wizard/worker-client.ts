'use client';

import type { Envelope, WorkerRequest, WorkerResponse } from '@/lib/import-session/protocol';

type Pending = {
  resolve: (r: WorkerResponse) => void;
  onProgress?: (r: Extract<WorkerResponse, { type: 'progress' }>) => void;
};

/** A promise-per-request client for the import worker; progress messages go to the caller's callback. */
export class ImportWorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<Envelope<WorkerResponse>>) => {
      const entry = this.pending.get(event.data.id);
      if (!entry) return;
      if (event.data.type === 'progress') {
        entry.onProgress?.(event.data);
        return;
      }
      this.pending.delete(event.data.id);
      entry.resolve(event.data);
    };
  }

  request<T extends WorkerResponse['type']>(
    message: WorkerRequest,
    onProgress?: Pending['onProgress'],
  ): Promise<Extract<WorkerResponse, { type: T | 'error' }>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve: resolve as (r: WorkerResponse) => void, onProgress });
      this.worker.postMessage({ ...message, id });
    });
  }

  terminate(): void {
    this.worker.terminate();
  }
}
