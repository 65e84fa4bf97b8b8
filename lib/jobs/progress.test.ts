import { describe, expect, it } from 'vitest';

import { type IndexBuildProgress, type JobProgress } from '@/lib/shared/job-progress';
import { timeLeftWords } from '@/lib/shared/progress-words';

import { JobProgressTracker } from './progress';

function setup(fileSize: number | null, build?: () => IndexBuildProgress | undefined) {
  let now = 0;
  const written: JobProgress[] = [];
  const tracker = new JobProgressTracker(
    'job',
    fileSize,
    {
      write: async (_id, progress) => void written.push(progress),
      readIndexBuild: async () => build?.(),
    },
    () => now,
  );
  return { tracker, written, advance: (ms: number) => (now += ms) };
}

async function drain(chunks: AsyncIterable<Uint8Array>, each: () => void | Promise<void>) {
  for await (const _ of chunks) await each();
}

async function* chunksOf(sizes: number[]) {
  for (const size of sizes) yield new Uint8Array(size);
}

describe('JobProgressTracker', () => {
  it('measures checking by bytes read of the known size, with a time left from the pace so far', async () => {
    const { tracker, advance } = setup(1000);
    tracker.phase('checking');
    const seen: JobProgress[] = [];
    await drain(tracker.countBytes(chunksOf([250, 250, 250, 250])), () => {
      advance(1000);
      seen.push(tracker.snapshot());
    });
    expect(seen.map((p) => p.percent)).toEqual([25, 50, 75, 100]);
    expect(seen[0]).toMatchObject({ phase: 'checking', description: 'Checking the file', unit: 'bytes', total: 1000 });
    // 250 bytes a second, 750 left: 3 s.
    expect(seen[0]!.secondsLeft).toBe(3);
    expect(seen[3]!.secondsLeft).toBe(0);
  });

  it('starts again from 0 when the file is read a second time to list every problem', async () => {
    const { tracker } = setup(100);
    tracker.phase('checking');
    await drain(tracker.countBytes(chunksOf([100])), () => {});
    tracker.phase('rechecking');
    expect(tracker.snapshot()).toMatchObject({ phase: 'rechecking', done: 0, percent: 0 });
    await drain(tracker.countBytes(chunksOf([40])), () => {});
    expect(tracker.snapshot().percent).toBe(40);
  });

  it('gives no percent and no time left for a step it cannot measure, rather than a false one', () => {
    const { tracker } = setup(null);
    tracker.phase('merging', 500);
    expect(tracker.snapshot()).toMatchObject({ description: 'Adding the records to the list', percent: null });
    expect(tracker.snapshot().secondsLeft).toBeNull();
  });

  it("measures building from PostgreSQL's index build, only ever moving forward", async () => {
    let build: IndexBuildProgress | undefined;
    const { tracker, written, advance } = setup(1000, () => build);
    tracker.atBackend(42);
    tracker.phase('building', 1000);
    await tracker.tick();
    expect(written.at(-1)).toMatchObject({ phase: 'building', percent: null });
    build = { phase: 'building index: scanning table', blocksTotal: 10, blocksDone: 5, tuplesTotal: 0, tuplesDone: 0 };
    advance(1000);
    await tracker.tick();
    expect(written.at(-1)).toMatchObject({ percent: 25, unit: 'records', total: 1000 });
    build = {
      phase: 'building index: loading tuples in tree',
      blocksTotal: 10,
      blocksDone: 10,
      tuplesTotal: 1000,
      tuplesDone: 500,
    };
    advance(1000);
    await tracker.tick();
    expect(written.at(-1)).toMatchObject({ percent: 75 });
    build = {
      phase: 'building index: sorting live tuples',
      blocksTotal: 10,
      blocksDone: 10,
      tuplesTotal: 1000,
      tuplesDone: 0,
    };
    await tracker.tick();
    expect(written.at(-1)!.percent).toBe(75);
  });

  it('writes only when something changed', async () => {
    const { tracker, written } = setup(10);
    tracker.phase('checking');
    await tracker.tick();
    await tracker.tick();
    expect(written).toHaveLength(1);
  });
});

describe('timeLeftWords', () => {
  it('rounds an estimate to words', () => {
    expect(timeLeftWords(null)).toBeUndefined();
    expect(timeLeftWords(2)).toBe('a few seconds left');
    expect(timeLeftWords(12)).toBe('about 10 s left');
    expect(timeLeftWords(185)).toBe('about 3 min left');
    expect(timeLeftWords(3 * 3600 + 600)).toBe('about 3 h 10 min left');
  });
});
