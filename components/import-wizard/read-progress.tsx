import { plural } from '@/lib/shared/plural';

/** How far the worker has read the file, as it reports it while reading. */
export type ReadProgressFigures = { bytesRead: number; totalBytes: number; records: number };

/** The share of the file's bytes read so far, in whole percent. */
export function readPercent(progress: ReadProgressFigures): number {
  return Math.round((progress.bytesRead / Math.max(1, progress.totalBytes)) * 100);
}

/** The file being read (a CSV or a sheet): a progress bar, the percent read and the rows so far. */
export function ReadProgress({ progress }: { progress: ReadProgressFigures }) {
  return (
    <div className="stack" role="status" aria-live="polite">
      <label htmlFor="read-progress">
        Reading: {readPercent(progress)}% — {plural(progress.records, 'row')} so far
      </label>
      <progress id="read-progress" value={progress.bytesRead} max={progress.totalBytes} />
    </div>
  );
}
