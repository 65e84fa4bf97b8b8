'use client';

import { useEffect, useRef, useState } from 'react';

import { PROBLEM_CODES, shortenValue } from '@/lib/csv/problem';
import type { FormatChoice } from '@/lib/import-session/problem-words';
import type { GroupFix, KeyClash, ProblemGroup } from '@/lib/import-session/review-types';
import { plural } from '@/lib/shared/plural';

import type { ImportWorkerClient } from './worker-client';

type Props = {
  client: ImportWorkerClient;
  groups: ProblemGroup[];
  /** Bumped whenever the rows changed: previews are asked again. */
  version: number;
  /** Rows left to import: with none, "every row can be imported" would be no news at all. */
  rowCount: number;
  onFix: (fix: GroupFix, describe: (changed: number) => string) => void;
  onShowRows: (group: ProblemGroup) => void;
};

const n = (value: number) => value.toLocaleString('en-US');

/**
 * Every problem of the file, grouped by column and kind: what is wrong, the values involved, how to
 * fix it — and the fixes themselves, each saying how much it will change before it is applied.
 */
export function ProblemsPanel({ client, groups, version, rowCount, onFix, onShowRows }: Props) {
  const [open, setOpen] = useState<string>();
  // A one-click fix refused because it would give rows one key: which group, for which rows' version.
  const [refused, setRefused] = useState<{ group: string; version: number; sameKey: KeyClash }>();
  const heading = useRef<HTMLHeadingElement>(null);
  const fixing = useRef(false);
  const fix: Props['onFix'] = (groupFix, describe) => {
    fixing.current = true;
    setOpen(undefined);
    onFix(groupFix, describe);
  };
  // The one-click fixes ("Read as …", "Remove the currency sign") are checked like the form's: keys
  // must stay unique, so one that would repeat a key is explained, not applied.
  const fixInOneClick: Props['onFix'] = (groupFix, describe) => {
    void client.request<'preview'>({ type: 'previewGroupFix', fix: groupFix }).then((r) => {
      if (r.type === 'preview' && r.sameKey) setRefused({ group: groupFix.group, version, sameKey: r.sameKey });
      else {
        setRefused(undefined);
        fix(groupFix, describe);
      }
    });
  };
  // A fix removes the button pressed (its form, or its whole group once fixed): keyboard and
  // screen-reader users then land on the panel's heading, not at the top of the page.
  useEffect(() => {
    if (!fixing.current) return;
    fixing.current = false;
    if (document.activeElement === null || document.activeElement === document.body) heading.current?.focus();
  }, [groups]);
  return (
    <aside className="problems-panel stack" aria-labelledby="problems-heading">
      <h3 id="problems-heading" ref={heading} tabIndex={-1} style={{ margin: 0 }}>
        {groups.length === 0 ? 'No problems left' : `Problems (${plural(groups.length, 'kind')})`}
      </h3>
      {groups.length === 0 && rowCount > 0 && <p className="hint">Every row can be imported as it is.</p>}
      {groups.map((group) => {
        const best = group.formats[0];
        // A value the offered ways read differently ("1,000": 1000 or 1): the person chooses, not one click.
        // One button per reading: several ways may make the same of it (every decimal-comma way reads 1).
        const ways = best?.readsDifferently
          ? group.formats.filter(
              (f, i, all) =>
                f.readsDifferently &&
                all.findIndex((g) => g.readsDifferently?.reading === f.readsDifferently!.reading) === i,
            )
          : [];
        const { currency } = group;
        const removeCurrency = () =>
          fixInOneClick(
            { group: group.id, action: 'currency', ...(currency?.format && { format: currency.format }) },
            (changed) => `Removed the currency sign from ${plural(changed, 'value')}.`,
          );
        const readAs = (choice: FormatChoice) =>
          fixInOneClick(
            { group: group.id, action: 'format', format: choice.format },
            (changed) => `Read ${plural(changed, 'value')} as ${choice.label}.`,
          );
        return (
          <section key={group.id} className="problem-group stack" aria-labelledby={`group-${group.id}`}>
            <h4 id={`group-${group.id}`}>{group.title}</h4>
            <p>{group.explanation}</p>
            {group.topValues.length > 0 && group.column >= 0 && (
              <p className="hint">
                Values:{' '}
                {group.topValues.map((v, i) => (
                  <span key={i}>
                    {i > 0 && ', '}
                    {v.value === '' ? '(empty)' : `“${shortenValue(v.value)}”`} × {n(v.count)}
                  </span>
                ))}
                {group.topValues.length < group.count && group.topValues.reduce((s, v) => s + v.count, 0) < group.count
                  ? ', …'
                  : ''}
              </p>
            )}
            {group.topValues.length > 0 && group.column < 0 && group.topValues[0]!.value !== '' && (
              // What each row has wrong, with the values past the last column the grid has no cell for.
              <ul className="hint row-summaries">
                {group.topValues.map((v) => (
                  <li key={v.value}>{v.value}</li>
                ))}
                {group.count > group.topValues.length && (
                  <li>and {plural(group.count - group.topValues.length, 'more row')}</li>
                )}
              </ul>
            )}
            {ways.length > 0 ? (
              <p className="fix-tip">
                “{shortenValue(best!.readsDifferently!.value)}” can be read in {ways.length} ways. Choose the one this
                file means:
              </p>
            ) : currency ? (
              <p className="fix-tip">
                Use “Remove the currency sign” to fix {currency.fixes === group.count ? 'all ' : ''}
                {n(currency.fixes)} at once: the numbers are kept and read as this file writes numbers.
              </p>
            ) : (
              best && (
                <p className="fix-tip">
                  Use “Read as {best.label}” to fix {best.fixes === group.count ? 'all ' : ''}
                  {n(best.fixes)} at once.
                </p>
              )
            )}
            {ways.length > 0 && (
              <div className="row">
                {ways.map((way) => (
                  <button key={way.id} type="button" onClick={() => readAs(way)}>
                    Read as {way.label}: “{shortenValue(way.readsDifferently!.value)}” is{' '}
                    {way.readsDifferently!.reading} ({n(way.fixes)})
                  </button>
                ))}
              </div>
            )}
            <div className="row">
              {currency && (
                <button type="button" className="primary" onClick={removeCurrency}>
                  Remove the currency sign ({n(currency.fixes)})
                </button>
              )}
              {best && ways.length === 0 && (
                <button type="button" className={currency ? undefined : 'primary'} onClick={() => readAs(best)}>
                  Read as {best.label.split(',')[0]} ({n(best.fixes)})
                </button>
              )}
              <button type="button" onClick={() => onShowRows(group)}>
                Show these rows
              </button>
              <button
                type="button"
                aria-expanded={open === group.id}
                aria-controls={`fixes-${group.id}`}
                onClick={() => setOpen(open === group.id ? undefined : group.id)}
              >
                {open === group.id ? 'Hide fixes' : 'Fix all…'}
              </button>
            </div>
            {refused?.group === group.id && refused.version === version && <SameKeyAlert sameKey={refused.sameKey} />}
            {open === group.id && (
              <GroupFixForm id={`fixes-${group.id}`} client={client} group={group} version={version} onFix={fix} />
            )}
          </section>
        );
      })}
    </aside>
  );
}

type Choice = 'currency' | 'format' | 'replace' | 'empty' | 'delete';

function GroupFixForm({
  id,
  client,
  group,
  version,
  onFix,
}: {
  id: string;
  client: ImportWorkerClient;
  group: ProblemGroup;
  version: number;
  onFix: Props['onFix'];
}) {
  const rowProblem = group.column < 0 || group.code === PROBLEM_CODES.duplicateKey;
  const [choice, setChoice] = useState<Choice>(
    rowProblem ? 'delete' : group.currency ? 'currency' : group.formats.length > 0 ? 'format' : 'replace',
  );
  const [value, setValue] = useState('');
  const [formatId, setFormatId] = useState(group.formats[0]?.id ?? '');
  const [preview, setPreview] = useState<{
    key: string;
    cells: number;
    rows: number;
    stillInvalid?: { message: string; remediation: string };
    sameKey?: KeyClash;
  }>();
  const formRef = useRef<HTMLFormElement>(null);
  // Opened at the bottom of the panel, the form scrolls into view with its Apply button.
  // (Braces: Chromium's scrollIntoView returns a promise, which React would take for a cleanup.)
  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const fix = fixFor(group, choice, value, formatId);
  const key = `${version}:${JSON.stringify(fix)}`;
  useEffect(() => {
    if (!fix) return;
    let current = true;
    void client.request<'preview'>({ type: 'previewGroupFix', fix }).then((r) => {
      if (current && r.type === 'preview')
        setPreview({ key, cells: r.cells, rows: r.rows, stillInvalid: r.stillInvalid, sameKey: r.sameKey });
    });
    return () => {
      current = false;
    };
    // `key` names the fix and the rows' version: ask again only when one of them changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, client]);
  const counted = preview?.key === key ? preview : undefined;
  // A new value the column refuses fixes nothing: said before applying, and not applied.
  const stillInvalid = choice === 'replace' ? counted?.stillInvalid : undefined;
  // Nor is one that would give rows the same key: the server refuses a file whose keys repeat.
  const sameKey = choice !== 'delete' ? counted?.sameKey : undefined;
  // No fix yet (an empty New value): say what is awaited, not "Counting…" forever.
  const effect = !fix
    ? 'Enter the new value to see what it changes.'
    : !counted
      ? 'Counting…'
      : choice === 'delete'
        ? `This deletes ${plural(counted.rows, 'row')}.`
        : `This changes ${plural(counted.cells, 'cell')} in ${plural(counted.rows, 'row')}.`;

  const options: { value: Choice; label: string }[] = [];
  if (!rowProblem && group.currency) options.push({ value: 'currency', label: 'Remove the currency sign' });
  if (!rowProblem && group.formats.length > 0) options.push({ value: 'format', label: 'Read the values in a format' });
  if (!rowProblem) options.push({ value: 'replace', label: 'Replace all with one value' });
  if (!rowProblem && group.emptyAllowed) options.push({ value: 'empty', label: 'Set all to empty' });
  options.push({
    value: 'delete',
    label:
      group.code === PROBLEM_CODES.duplicateKey
        ? 'Delete the later copies (the first row of each key stays)'
        : 'Delete these rows',
  });

  return (
    <form
      id={id}
      ref={formRef}
      className="stack group-fix"
      onSubmit={(event) => {
        event.preventDefault();
        if (!fix) return;
        onFix(fix, (changed) =>
          choice === 'delete' ? `Deleted ${plural(changed, 'row')}.` : `Changed ${plural(changed, 'cell')}.`,
        );
      }}
    >
      <fieldset className="stack">
        <legend>Fix all {n(group.count)} at once</legend>
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input
              type="radio"
              name={`${id}-choice`}
              value={o.value}
              checked={choice === o.value}
              onChange={() => setChoice(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
        {choice === 'format' && (
          <div className="field">
            <label htmlFor={`${id}-format`}>Format</label>
            <select id={`${id}-format`} value={formatId} onChange={(e) => setFormatId(e.target.value)}>
              {group.formats.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label} (reads {n(f.fixes)})
                </option>
              ))}
            </select>
          </div>
        )}
        {choice === 'replace' && (
          <div className="field">
            <label htmlFor={`${id}-value`}>New value</label>
            <input id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} />
          </div>
        )}
      </fieldset>
      {stillInvalid ? (
        <p role="alert" className="alert warn">
          <strong>The new value would not fix these cells:</strong> {stillInvalid.message} {stillInvalid.remediation}{' '}
          Applying it would leave {plural(group.count, 'cell')} with a problem still.
        </p>
      ) : sameKey ? (
        <SameKeyAlert sameKey={sameKey} />
      ) : (
        <p role="status" className="hint">
          {effect}
        </p>
      )}
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={
            !fix ||
            !counted ||
            counted.cells + counted.rows === 0 ||
            stillInvalid !== undefined ||
            sameKey !== undefined
          }
        >
          {choice === 'delete'
            ? counted
              ? `Delete ${plural(counted.rows, 'row')}`
              : 'Delete the rows'
            : counted
              ? `Apply to ${plural(counted.cells, 'cell')}`
              : 'Apply'}
        </button>
      </div>
    </form>
  );
}

/** Why a fix is not applied: it would give several rows one key (said the same way wherever a fix is refused). */
function SameKeyAlert({ sameKey }: { sameKey: KeyClash }) {
  const ref = useRef<HTMLParagraphElement>(null);
  // Under the button pressed, it may open below the panel's fold: brought into view, not left unseen.
  // (Braces: Chromium's scrollIntoView returns a promise, which React would take for a cleanup.)
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <p ref={ref} role="alert" className="alert warn">
      <strong>
        This would give {n(sameKey.rows)} rows the same key “{shortenValue(sameKey.key)}”; keys must be unique.
      </strong>{' '}
      Enter a different key in each row, delete the rows, or leave them out.
    </p>
  );
}

function fixFor(group: ProblemGroup, choice: Choice, value: string, formatId: string): GroupFix | undefined {
  switch (choice) {
    case 'delete':
      return { group: group.id, action: 'delete' };
    case 'empty':
      return { group: group.id, action: 'empty' };
    case 'currency':
      return { group: group.id, action: 'currency', ...(group.currency?.format && { format: group.currency.format }) };
    case 'replace':
      return value === '' ? undefined : { group: group.id, action: 'replace', value };
    case 'format': {
      const format = group.formats.find((f) => f.id === formatId)?.format;
      return format && { group: group.id, action: 'format', format };
    }
  }
}
