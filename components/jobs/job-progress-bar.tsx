import type { JobProgress } from '@/lib/shared/job-progress';
import { plural } from '@/lib/shared/plural';
import { timeLeftWords } from '@/lib/shared/progress-words';

/** "Checking the file: 45% · about 10 s left" — the whole status in words, readable without hovering. */
export function progressWords(progress: JobProgress): string {
  const parts = [progress.description];
  if (progress.percent !== null) parts[0] += `: ${progress.percent}%`;
  else if (progress.unit === 'records' && progress.total) parts[0] += ` (${plural(progress.total, 'record')})`;
  const left = timeLeftWords(progress.secondsLeft);
  if (left) parts.push(left);
  return parts.join(' · ');
}

/**
 * A job's progress: a progressbar with its value for assistive technology (no value while the step
 * gives no measure, which screen readers announce as busy) and the same status as text beside it.
 */
export function JobProgressBar({
  progress,
  label,
  compact = false,
}: {
  progress: JobProgress;
  label: string;
  compact?: boolean;
}) {
  const words = progressWords(progress);
  const measured = progress.percent !== null;
  return (
    <div className={`job-progress${compact ? ' compact' : ''}`}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(measured && { 'aria-valuenow': progress.percent!, 'aria-valuetext': words })}
        className={`job-progress-track${measured ? '' : ' indeterminate'}`}
      >
        <div className="job-progress-fill" style={measured ? { width: `${progress.percent}%` } : undefined} />
      </div>
      <span className="job-progress-words">{words}</span>
    </div>
  );
}
