'use client';

import { sessionUpdatedAt, type SavedSession } from '@/lib/import-session/session-store';
import { plural } from '@/lib/shared/plural';

/** "Resume your import of customers.csv — 2,000 rows, 37 edits, 10 minutes ago", with Resume and Discard. */
export function ResumePrompt({
  session,
  busy,
  onResume,
  onDiscard,
}: {
  session: SavedSession;
  busy: boolean;
  onResume: () => void;
  onDiscard: () => void;
}) {
  return (
    <section className="alert warn stack" aria-labelledby="resume-title">
      <h3 id="resume-title" style={{ margin: 0 }}>
        Unfinished import
      </h3>
      <p style={{ margin: 0 }}>{describeSession(session)}</p>
      <p className="hint" style={{ margin: 0 }}>
        Nothing of it has been imported yet. Choosing another file below starts a new import in its place.
      </p>
      <div className="row">
        <button type="button" className="primary" onClick={onResume} disabled={busy}>
          Resume
        </button>
        <button type="button" onClick={onDiscard} disabled={busy}>
          Discard
        </button>
      </div>
    </section>
  );
}

export function describeSession(session: SavedSession, now = Date.now()): string {
  const { choices, log } = session;
  const parts: string[] = [];
  if (choices.rowCount !== null) parts.push(plural(choices.rowCount, 'row'));
  if (choices.step >= 3) parts.push(plural(log?.steps ?? 0, 'edit'));
  else parts.push(choices.step === 2 ? 'columns not yet checked' : 'file not yet read');
  parts.push(timeAgo(sessionUpdatedAt(session), now));
  return `Resume your import of ${choices.fileName} — ${parts.join(', ')}.`;
}

function timeAgo(then: number, now: number): string {
  const minutes = Math.round((now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${plural(hours, 'hour')} ago`;
  return `${plural(Math.round(hours / 24), 'day')} ago`;
}
