'use client';

import { Fragment, type ReactNode } from 'react';

import { ColumnDialog } from '@/components/lists/column-dialog';
import { ScrollTable } from '@/components/ui/side-scroll';
import { TwoLineValue } from '@/components/ui/two-line-value';
import { useNarrowScreen } from '@/components/ui/use-narrow-screen';
import type { ListColumnView } from '@/lib/api/lists';
import { shortenValue } from '@/lib/csv/problem';
import { columnLetter } from '@/lib/excel/sheet-rows';
import type { FileFormatChoice, FileFormatProposal } from '@/lib/import-session/file-formats';
import { fileColumnLabels, newColumnNames, repeatedHeaderNames, sameNamedListColumns } from '@/lib/lists/file-columns';
import { missingRequired, type ColumnMapping, type MatchKind } from '@/lib/lists/mapping';
import { typeWords } from '@/lib/lists/type-words';
import type { ListColumn } from '@/lib/shared/list-column';
import { plural } from '@/lib/shared/plural';

const KIND_LABEL: Record<MatchKind, string> = {
  exact: 'same name',
  similar: 'same name, other spelling',
  fuzzy: 'similar name — check',
  saved: 'from your last import',
  manual: 'chosen by you',
  none: 'not in the file',
};

type Props = {
  headers: string[];
  columns: ListColumn[];
  mapping: ColumnMapping;
  kinds: MatchKind[];
  sample: string[][];
  /** File columns with no name and no value: left out of the import, so not listed as ignored. */
  emptyColumns: readonly number[];
  /** How the file writes each column (null: nothing to choose), still being judged while undefined. */
  proposals: (FileFormatProposal | null)[] | undefined;
  /** The way chosen per column: null for the list's own, undefined while a question is open. */
  fileFormats: (FileFormatChoice | undefined)[];
  onFileFormat: (columnIndex: number, choice: FileFormatChoice | undefined) => void;
  onChange: (columnIndex: number, fileIndex: number | null) => void;
  savedAvailable: boolean;
  onUseSaved: () => void;
  onNext: () => void;
  /** Present when the user may change the list's columns: offers an ignored file column as a new one. */
  addColumn?: { listId: string; recordCount: number; onAdded: (columns: ListColumnView[], fileIndex: number) => void };
};

/** Step 3: which file column feeds each list column; file columns not chosen are ignored. */
export function MapStep(props: Props) {
  const missing = missingRequired(props.mapping, props.columns);
  const used = new Set(props.mapping.filter((m): m is number => m !== null));
  // Two columns headed "City" are shown as "City (column C)" and "City (column F)".
  const labels = fileColumnLabels(props.headers);
  const empty = new Set(props.emptyColumns);
  const ignored = labels.filter((_, i) => !used.has(i) && !empty.has(i));
  const emptyLetters = props.emptyColumns.map((i) => columnLetter(i));
  const listNames = props.columns.map((c) => c.name);
  const suggestedNames = newColumnNames(props.headers, listNames);
  const namesakes = sameNamedListColumns(props.headers, listNames);
  const undecided = props.columns.filter(
    (_, i) => props.proposals?.[i]?.ambiguous && props.fileFormats[i] === undefined,
  );
  return (
    <div className="stack">
      {props.savedAvailable && (
        <div className="row">
          <button type="button" onClick={props.onUseSaved}>
            Use the mapping from my last import into this list
          </button>
        </div>
      )}
      <RepeatedHeaders headers={props.headers} labels={labels} />
      <ScrollTable label="Map file columns to list columns">
        {/* On a phone each list column is a block (blocks-on-phone): its select at the screen's width. */}
        <table className="map-table blocks-on-phone">
          <caption className="sr-only">Map file columns to list columns</caption>
          <thead>
            <tr>
              <th scope="col">List column</th>
              <th scope="col">Comes from file column</th>
              <th scope="col">Match</th>
              <th scope="col">First values</th>
            </tr>
          </thead>
          <tbody>
            {props.columns.map((column, i) => {
              const fileIndex = props.mapping[i] ?? null;
              const proposal = fileIndex === null ? null : props.proposals?.[i];
              return (
                <Fragment key={column.name}>
                  <tr className={proposal === null ? 'map-row' : 'map-row has-written-as'}>
                    <th scope="row">
                      {column.name}{' '}
                      <span className="hint">
                        ({typeWords(column.dataType)}
                        {column.isKey ? ', key' : column.required ? ', required' : ''})
                      </span>
                    </th>
                    <td className="map-source" data-label="Comes from file column">
                      <label className="sr-only" htmlFor={`map-${i}`}>
                        File column for {column.name}
                      </label>
                      <select
                        id={`map-${i}`}
                        value={fileIndex ?? ''}
                        onChange={(e) => props.onChange(i, e.target.value === '' ? null : Number(e.target.value))}
                      >
                        <option value="">— not in the file (leave empty) —</option>
                        {labels.map((label, j) => (
                          <option key={j} value={j}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="map-match">
                      <span
                        className={`badge ${props.kinds[i] === 'fuzzy' ? 'pending' : props.kinds[i] === 'none' ? 'failed' : 'completed'}`}
                      >
                        {KIND_LABEL[props.kinds[i] ?? 'none']}
                      </span>
                    </td>
                    <td className="map-values" data-label="First values">
                      {fileIndex === null ? (
                        <span className="hint">—</span>
                      ) : (
                        <FirstValues sample={props.sample} fileIndex={fileIndex} />
                      )}
                    </td>
                  </tr>
                  {proposal !== null && (
                    // How the file writes the column gets a line of its own under the column's row:
                    // its ways read long ("a decimal comma, thousands grouped with dots, like
                    // 1.234,56 — reads all 40"), and a select cuts what it cannot show.
                    <tr className="written-as-row">
                      <td />
                      <td colSpan={3}>
                        <WrittenAs
                          column={column}
                          index={i}
                          proposal={proposal}
                          choice={props.fileFormats[i]}
                          onChoose={(choice) => props.onFileFormat(i, choice)}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
      {ignored.length > 0 && <p className="hint">Ignored file columns: {ignored.join(', ')}.</p>}
      {emptyLetters.length > 0 && (
        <p className="hint">
          Left out: {emptyLetters.length === 1 ? 'column' : 'columns'} {listWords(emptyLetters)} of the file{' '}
          {emptyLetters.length === 1 ? 'has' : 'have'} no name and no values.
        </p>
      )}
      {ignored.length > 0 && props.addColumn && (
        <NotImportedList count={ignored.length}>
          <ul className="stack added-columns" aria-label="File columns not imported">
            {props.headers.map((header, fileIndex) => {
              if (used.has(fileIndex) || header === '') return null;
              const addAsColumn = (
                <ColumnDialog
                  listId={props.addColumn!.listId}
                  recordCount={props.addColumn!.recordCount}
                  label="Add as a new column to the list…"
                  ariaLabel={`Add “${labels[fileIndex]}” as a new column to the list`}
                  suggestedName={suggestedNames[fileIndex]}
                  onSaved={(list) => props.addColumn!.onAdded(list.columns, fileIndex)}
                />
              );
              if (namesakes[fileIndex]! >= 0) {
                return (
                  <NotImported
                    key={fileIndex}
                    label={labels[fileIndex]!}
                    listColumn={props.columns[namesakes[fileIndex]!]!.name}
                    source={props.mapping[namesakes[fileIndex]!] ?? null}
                    labels={labels}
                  >
                    {/* A second "City" in the file may be a column of its own ("City 2"); a lone one is the list's. */}
                    {suggestedNames[fileIndex] !== header.trim() && addAsColumn}
                  </NotImported>
                );
              }
              return (
                <li key={fileIndex} className="row">
                  <span>
                    “{labels[fileIndex]}” is not a column of the list.{' '}
                    <span className="hint">
                      First values: <FirstValues sample={props.sample} fileIndex={fileIndex} />
                    </span>
                  </span>
                  {addAsColumn}
                </li>
              );
            })}
          </ul>
        </NotImportedList>
      )}
      {missing.length > 0 && (
        <p className="alert error" role="alert">
          Choose a file column for {missing.map((c) => `“${c.name}”`).join(', ')}:{' '}
          {missing.length === 1 ? 'it is' : 'they are'} required. If the file has no such column, add it to the file
          first.
        </p>
      )}
      {undecided.length > 0 && (
        <p className="alert warn" role="alert">
          Say how the file writes {undecided.map((c) => `“${c.name}”`).join(', ')}: its values can be read two ways (see
          “How the file writes” above).
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={props.onNext}
          disabled={missing.length > 0 || undecided.length > 0 || props.proposals === undefined}
        >
          Check every row
        </button>
      </div>
    </div>
  );
}

/** Up to this many file columns not imported are listed open; more are behind one disclosure. */
const NOT_IMPORTED_SHOWN_OPEN = 5;

/**
 * The file columns not imported, each with its "Add as a new column…": open when they are few. A
 * wide file puts them behind one summary line — Bavaria's election results have 69 columns, and
 * their 64 offers stood between the mapping and "Check every row" (72 Tab presses, 4,600 px).
 */
function NotImportedList(props: { count: number; children: ReactNode }) {
  if (props.count <= NOT_IMPORTED_SHOWN_OPEN) return props.children;
  return (
    <details className="not-imported">
      <summary>Add some of the {props.count} file columns not imported to the list…</summary>
      {props.children}
    </details>
  );
}

/** "D", "D and F", "D, F and G". */
function listWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * A file column named like a list column, but not chosen for it (that column takes another file
 * column, or is left empty): it is simply not imported, and the list has it already.
 */
function NotImported(props: {
  label: string;
  listColumn: string;
  source: number | null;
  labels: readonly string[];
  children?: ReactNode;
}) {
  return (
    <li className="row">
      <span>
        File column “{props.label}” is not imported.{' '}
        <span className="hint">
          {props.source === null
            ? `The list’s column “${props.listColumn}” is left empty: choose “${props.label}” for it above to import it.`
            : `The list’s column “${props.listColumn}” takes its values from file column “${props.labels[props.source]}”.`}
        </span>
      </span>
      {props.children}
    </li>
  );
}

/**
 * Says, above the mapping, that the file heads two or more columns alike and how the list below
 * tells them apart: by the column letter a spreadsheet shows.
 */
function RepeatedHeaders({ headers, labels }: { headers: readonly string[]; labels: readonly string[] }) {
  const repeated = repeatedHeaderNames(headers);
  if (repeated.length === 0) return null;
  const first = repeated[0]!.toLowerCase();
  const examples = labels.filter((_, i) => headers[i]!.trim().toLowerCase() === first).slice(0, 2);
  return (
    <p className="alert warn">
      <strong>The file names more than one column {repeated.map((name) => `“${name}”`).join(', ')}.</strong> Each is
      shown with its column letter in the spreadsheet, like {examples.map((e) => `“${e}”`).join(' and ')}: check their
      first values to choose the right one.
    </p>
  );
}

/**
 * A file column's first three values, each on its own line, an empty one said so. A long one is cut
 * to two lines, not to a number of characters: values alike in their first words ("Desk, oak,
 * 160 × 80 cm" and "… 180 × 80 cm") still read apart.
 */
function FirstValues({ sample, fileIndex }: { sample: string[][]; fileIndex: number }) {
  const values = sample.slice(0, 3).map((r) => r[fileIndex] ?? '');
  if (values.length === 0) return <span>—</span>;
  return (
    <span className="first-values">
      {values.map((value, i) => (
        <span key={i} className="first-value">
          {value.trim() === '' ? (
            <span className="sample-empty">(empty)</span>
          ) : (
            <TwoLineValue className="sample-value" value={value} />
          )}
        </span>
      ))}
    </span>
  );
}

/**
 * A way of writing in few words: a number's example says both its separators ("like 1.234,56"),
 * a date's or a time's pattern comes first ("DD/MM/YYYY, like 31/12/2024" → "DD/MM/YYYY"), yes/no
 * words are the words.
 */
function shortWay(dataType: ListColumn['dataType'], label: string): string {
  if (dataType === 'number' || dataType === 'integer') return /\blike \S+/.exec(label)?.[0] ?? label;
  // “ja” for yes, “nein” for no → “ja” / “nein”.
  if (dataType === 'boolean') return label.replace(' for yes, ', ' / ').replace(/ for no$/, '');
  return label.split(',')[0]!;
}

const LIST_OWN = 'list';
const UNDECIDED = 'undecided';

/**
 * How the file writes one column: nothing to say when the list's own format reads every value; else
 * a choice of the ways that read more, the one reading them all chosen — or, when two read them all
 * differently (01/02/2024), a question with values read both ways.
 */
function WrittenAs(props: {
  column: ListColumn;
  index: number;
  proposal: FileFormatProposal | null | undefined;
  choice: FileFormatChoice | undefined;
  onChoose: (choice: FileFormatChoice | undefined) => void;
}) {
  const { proposal, choice } = props;
  const narrow = useNarrowScreen();
  if (proposal === undefined)
    return <span className="hint">How the file writes {props.column.name}: looking at every value…</span>;
  if (proposal === null) return null;
  const shortReads = (n: number) =>
    n === proposal.values
      ? `all ${n.toLocaleString('en-US')}`
      : `${n.toLocaleString('en-US')} of ${proposal.values.toLocaleString('en-US')}`;
  const reads = (n: number) =>
    n === proposal.values
      ? `reads all ${n.toLocaleString('en-US')}`
      : `reads ${n.toLocaleString('en-US')} of ${proposal.values.toLocaleString('en-US')}`;
  const selected =
    choice === undefined
      ? UNDECIDED
      : choice === null
        ? LIST_OWN
        : String(proposal.options.findIndex((o) => JSON.stringify(o.format) === JSON.stringify(choice)));
  const { ambiguous } = proposal;
  const hintId = `written-as-hint-${props.index}`;
  const unreadId = `written-as-unread-${props.index}`;
  // What the chosen way leaves unread: how many values, and the first of them (nothing while undecided).
  const chosen = choice ? proposal.options[Number(selected)] : undefined;
  const left =
    choice === undefined
      ? undefined
      : chosen
        ? { count: proposal.values - chosen.reads, example: chosen.unread }
        : { count: proposal.values - proposal.listReads, example: proposal.listUnread };
  const dataType = props.column.dataType;
  const ways = [
    ...(ambiguous ? [{ value: UNDECIDED, text: 'Choose how the file writes these values…', short: 'Choose…' }] : []),
    ...proposal.options.map((option, i) => ({
      value: String(i),
      text: `${option.label} — ${reads(option.reads)}`,
      short: `${shortWay(dataType, option.label)} — ${shortReads(option.reads)}`,
    })),
    {
      value: LIST_OWN,
      text: `${proposal.listLabel} (the list’s own) — ${reads(proposal.listReads)}`,
      // The list's way is written out under the select once chosen; its name is enough in the list.
      short: `The list’s own — ${shortReads(proposal.listReads)}`,
    },
  ];
  const chosenText = selected === UNDECIDED ? undefined : ways.find((way) => way.value === selected)?.text;
  const fullId = `written-as-full-${props.index}`;
  // On a phone the options read short: the way in full, written under the select, describes it.
  const describedBy = [narrow && chosenText && fullId, ambiguous && hintId, left && left.count > 0 && unreadId]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="stack written-as" style={{ gap: 4 }}>
      <label htmlFor={`written-as-${props.index}`}>How the file writes {props.column.name}</label>
      <select
        id={`written-as-${props.index}`}
        value={selected}
        // As wide as the way chosen, so it reads in full; the row it sits in is the table's width.
        aria-describedby={describedBy || undefined}
        onChange={(e) => {
          const value = e.target.value;
          props.onChoose(
            value === UNDECIDED
              ? undefined
              : value === LIST_OWN
                ? null
                : (proposal.options[Number(value)]!.format ?? null),
          );
        }}
      >
        {ways.map((way) => (
          <option key={way.value} value={way.value}>
            {narrow ? way.short : way.text}
          </option>
        ))}
      </select>
      {chosenText && (
        // A phone's screen is narrower than most ways read: there the options read short, and the
        // chosen way is written out in full, wrapping, under its select (which it describes there).
        <span id={fullId} className="hint chosen-way" aria-hidden={narrow ? undefined : true}>
          {chosenText}
        </span>
      )}
      {ambiguous && (
        <span id={hintId} className="hint">
          Both read every value, differently:{' '}
          {ambiguous.examples
            .map(
              (e) =>
                `“${e.value}” is ${e.first} as ${proposal.options[ambiguous.first]!.label.split(',')[0]}, ${e.second} as ${proposal.options[ambiguous.second]!.label.split(',')[0]}`,
            )
            .join('; ')}
          .
        </span>
      )}
      {left && left.count > 0 && (
        <span id={unreadId} className="hint">
          {plural(left.count, 'value')} cannot be read this way
          {left.example !== undefined && `, like “${shortenValue(left.example, 40)}”`}.
        </span>
      )}
    </div>
  );
}
