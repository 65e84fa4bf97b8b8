import type { TextEncodingName } from '@/lib/csv/decode';
import type { ColumnMapping } from '@/lib/lists/mapping';

/**
 * An import in progress, kept in the browser (IndexedDB) so a reload or a click elsewhere loses
 * nothing: the file itself, the wizard's choices, and the log of the changes made in review —
 * never a copy of the rows, so it holds for 1,000,000-row files. Resuming reads the file again
 * with the same choices and replays the log. One session per list.
 *
 * Three stores, each written by one side: the page writes the file and the choices, the worker
 * writes the log (it holds the rows); so no write ever reads-modifies-writes another's record.
 */
import type { FileFormatChoice } from './file-formats';
import type { LoggedRequest } from './protocol';

export type SessionChoices = {
  fileName: string;
  fileSize: number;
  /** Rows read; null until the file has been read. */
  rowCount: number | null;
  encoding: TextEncodingName;
  delimiter: string;
  mapping: ColumnMapping | null;
  /** How the file writes each list column, as chosen in the map step (file-formats.ts); absent in older sessions. */
  fileFormats?: FileFormatChoice[];
  /** The list's columns when the session was saved: a log over other columns cannot be replayed. */
  columnsSignature: string;
  /** The wizard step to come back to: 1 read, 2 map, 3 review, 4 summary. */
  step: number;
  updatedAt: number;
};

export type SessionLog = { entries: LoggedRequest[]; steps: number; updatedAt: number };

export type SavedSession = { file: File; choices: SessionChoices; log: SessionLog | null };

const DATABASE = 'listport-import-sessions';
const STORES = ['files', 'choices', 'logs'] as const;
type Store = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      for (const store of STORES)
        if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  // A failed open (private window, storage off) is tried again next time rather than cached.
  opening.catch(() => (opening = undefined));
  return opening;
}

async function transact<T>(
  stores: readonly Store[],
  mode: IDBTransactionMode,
  work: (transaction: IDBTransaction) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(stores, mode);
    const request = work(transaction);
    transaction.oncomplete = () => resolve(request ? request.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

/** The file, stored once when chosen (IndexedDB keeps a File by reference to its bytes, not as a string). */
export function saveSessionFile(key: string, file: File): Promise<unknown> {
  return transact(['files'], 'readwrite', (t) => t.objectStore('files').put(file, key));
}

export function saveSessionChoices(key: string, choices: SessionChoices): Promise<unknown> {
  return transact(['choices'], 'readwrite', (t) => t.objectStore('choices').put(choices, key));
}

export function saveSessionLog(key: string, log: SessionLog): Promise<unknown> {
  return transact(['logs'], 'readwrite', (t) => t.objectStore('logs').put(log, key));
}

/** The saved session of a list, or undefined when there is none (or its file is gone). */
export async function loadSession(key: string): Promise<SavedSession | undefined> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORES, 'readonly');
    const file = transaction.objectStore('files').get(key);
    const choices = transaction.objectStore('choices').get(key);
    const log = transaction.objectStore('logs').get(key);
    transaction.oncomplete = () =>
      resolve(
        file.result instanceof Blob && choices.result
          ? {
              file: file.result as File,
              choices: choices.result as SessionChoices,
              log: (log.result as SessionLog) ?? null,
            }
          : undefined,
      );
    transaction.onerror = () => reject(transaction.error);
  });
}

export function clearSession(key: string): Promise<unknown> {
  return transact(STORES, 'readwrite', (t) => {
    for (const store of STORES) t.objectStore(store).delete(key);
  });
}

/** When the session was last changed: its choices or its log, whichever is newer. */
export function sessionUpdatedAt(session: SavedSession): number {
  return Math.max(session.choices.updatedAt, session.log?.updatedAt ?? 0);
}
