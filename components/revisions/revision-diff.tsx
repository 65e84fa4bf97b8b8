'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { ScrollTable } from '@/components/ui/side-scroll';
import { TwoLineValue } from '@/components/ui/two-line-value';
import { queryKeys } from '@/lib/api/query-keys';
import { getRevisionDiff, type RevisionChange } from '@/lib/api/revisions';

type Column = { name: string; isKey: boolean };

const PAGE = 50;
/**
 * The API's change kinds in the product's words, as the History's counts, a job's figures and the
 * import summary say them: a record a load added is "new", one whose values changed "updated" (the
 * API keeps "added" and "changed", its contract). Each reads before "records": "no new records".
 */
const CHANGE_WORDS: Record<RevisionChange, string> = { added: 'new', changed: 'updated', removed: 'removed' };
/** The compare's filter: "Show New records", also the caption of the records it shows. */
const KINDS = [
  ['', 'All changes'],
  ['added', 'New records'],
  ['changed', 'Updated records'],
  ['removed', 'Removed records'],
] as const;
const n = (count: number) => count.toLocaleString('en-US');
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/**
 * What one revision changed against another: counts, then the records new, updated and removed,
 * a page at a time; in an updated record the changed cells show the value before (struck out) and after.
 */
export function RevisionDiff({
  listId,
  revision,
  compareTo,
  columns,
}: {
  listId: string;
  revision: number;
  compareTo: number;
  columns: Column[];
}) {
  const [change, setChange] = useState<RevisionChange | ''>('');
  const [start, setStart] = useState(0);
  const diff = useQuery({
    queryKey: queryKeys.revisionDiff(listId, { revision, compareTo, change, start }),
    queryFn: () => getRevisionDiff(listId, { revision, compareTo, start, limit: PAGE, change: change || undefined }),
  });
  const headingId = `diff-heading-${revision}`;
  // The key, then the columns changed on this page, then the rest: on a phone (or a wide list) what
  // changed sits beside the record's key, not behind a sideways scroll.
  const changedHere = new Set(diff.data?.items.flatMap((item) => item.changedColumns));
  const rank = (c: Column) => (c.isKey ? 0 : changedHere.has(c.name) ? 1 : 2);
  const shownColumns = [...columns].sort((a, b) => rank(a) - rank(b));
  return (
    <section className="stack revision-diff" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Changes from revision {compareTo} to {revision}
      </h3>
      {diff.error ? <ErrorMessage error={diff.error} /> : null}
      {diff.data && (
        <p role="status">
          {n(diff.data.counts.added)} new, {n(diff.data.counts.changed)} updated, {n(diff.data.counts.removed)} removed.
        </p>
      )}
      <div className="toolbar">
        <label>
          Show{' '}
          <select
            value={change}
            onChange={(e) => {
              setChange(e.target.value as RevisionChange | '');
              setStart(0);
            }}
          >
            {KINDS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!diff.data && !diff.error && <p role="status">Comparing…</p>}
      {diff.data && diff.data.items.length === 0 && (
        <p className="empty">
          {change ? `No ${CHANGE_WORDS[change]} records.` : 'Nothing changed between these revisions.'}
        </p>
      )}
      {diff.data && diff.data.items.length > 0 && (
        <ScrollTable label={`Records changed between revision ${compareTo} and ${revision}`}>
          <table>
            <caption className="sr-only">
              {change ? KINDS.find(([kind]) => kind === change)![1] : 'New, updated and removed records'} between
              revision {compareTo} and {revision}
            </caption>
            <thead>
              <tr>
                <th scope="col">Change</th>
                {shownColumns.map((c) => (
                  <th scope="col" key={c.name}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {diff.data.items.map((item) => (
                <tr key={JSON.stringify(item.key)} className={`diff-${item.change}`}>
                  <td>
                    <span className="badge">{CHANGE_WORDS[item.change]}</span>
                  </td>
                  {shownColumns.map((c) => {
                    const changed = item.changedColumns.includes(c.name);
                    if (!changed)
                      return (
                        <td key={c.name}>
                          {/* Cut to two lines when long: what changed stands out, and a row stays short on a phone. */}
                          <TwoLineValue className="diff-value" value={text((item.after ?? item.before)?.[c.name])} />
                        </td>
                      );
                    return (
                      <td key={c.name} className="diff-cell-changed">
                        <del aria-label={`was ${text(item.before?.[c.name]) || 'empty'}`}>
                          {text(item.before?.[c.name]) || '∅'}
                        </del>{' '}
                        <ins aria-label={`now ${text(item.after?.[c.name]) || 'empty'}`}>
                          {text(item.after?.[c.name]) || '∅'}
                        </ins>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {diff.data && diff.data.count > PAGE && (
        <div className="row">
          <button type="button" disabled={start === 0} onClick={() => setStart(Math.max(0, start - PAGE))}>
            Previous
          </button>
          <span>
            {n(start + 1)}–{n(Math.min(start + PAGE, diff.data.count))} of {n(diff.data.count)}
          </span>
          <button type="button" disabled={start + PAGE >= diff.data.count} onClick={() => setStart(start + PAGE)}>
            Next
          </button>
        </div>
      )}
    </section>
  );
}
