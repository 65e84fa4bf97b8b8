import type postgres from 'postgres';

import { keyColumns, type ListColumn } from '@/lib/shared/list-column';
import type { RowEdit, RowEditOp } from '@/lib/shared/row-edit';

import { getSql } from '../client';
import { recordListLoad } from './list-contents';
import { keepCopyOfListTable, recordRevision } from './revisions';
import { keyList, quoteIdent, SQL_TYPES } from './sql-names';

export type RowEditOutcome =
  | { ok: true; inserted: number; updated: number; deleted: number; recordCount: number; revision: number }
  | { ok: false; reason: 'job-running' | 'immutable' | 'gone' }
  | { ok: false; reason: 'missing'; itemIndexes: number[] };

/**
 * Applies row edits in one transaction under the list's lock: the list row is locked and no import
 * or purge may be pending or running. Partial items only update records that exist.
 */
export async function applyRowEdits(
  listId: string,
  table: string,
  columns: readonly ListColumn[],
  op: RowEditOp,
  edits: RowEdit[],
  user: { userId: string; email: string },
): Promise<RowEditOutcome> {
  const { userId } = user;
  const sql = getSql();
  try {
    return await sql.begin(async (tx) => {
      const [list] = await tx.unsafe<{ is_immutable: boolean; record_count: string }[]>(
        `select is_immutable, record_count from lists where id = $1 for update`,
        [listId],
      );
      if (!list) return { ok: false as const, reason: 'gone' as const };
      const [active] = await tx.unsafe(
        `select id from jobs where list_id = $1 and state in ('pending', 'running') limit 1`,
        [listId],
      );
      if (active) return { ok: false as const, reason: 'job-running' as const };
      if (list.is_immutable && Number(list.record_count) > 0)
        return { ok: false as const, reason: 'immutable' as const };

      // A row edit is a revision like a load: the contents before it are kept (a copy of the list).
      await keepCopyOfListTable(tx, table);
      const keys = keyColumns(columns);
      const keyWhere = keys
        .map((k, i) => `${quoteIdent(k.storage)} = $${i + 1}::text::${SQL_TYPES[k.dataType]}`)
        .join(' and ');
      let inserted = 0;
      let updated = 0;
      let deleted = 0;
      const missing: number[] = [];
      for (const edit of edits) {
        if (op === 'delete') {
          deleted += (
            await tx.unsafe(
              `delete from ${quoteIdent(table)} where ${keyWhere}`,
              edit.key as postgres.ParameterOrJSON<never>[],
            )
          ).count;
          continue;
        }
        const given = [...edit.values.entries()];
        const nonKey = given.filter(([c]) => !c.isKey);
        if (!edit.complete) {
          if (nonKey.length === 0) continue;
          const sets = nonKey
            .map(([c], i) => `${quoteIdent(c.storage)} = $${keys.length + i + 1}::text::${SQL_TYPES[c.dataType]}`)
            .join(', ');
          const result = await tx.unsafe(`update ${quoteIdent(table)} set ${sets} where ${keyWhere}`, [
            ...edit.key,
            ...nonKey.map(([, v]) => v),
          ] as postgres.ParameterOrJSON<never>[]);
          if (result.count === 0) missing.push(edit.itemIndex);
          else updated++;
          continue;
        }
        const names = given.map(([c]) => quoteIdent(c.storage));
        const placeholders = given.map(([c], i) => `$${i + 1}::text::${SQL_TYPES[c.dataType]}`);
        const conflict =
          nonKey.length === 0
            ? 'do nothing'
            : `do update set ${nonKey.map(([c]) => `${quoteIdent(c.storage)} = excluded.${quoteIdent(c.storage)}`).join(', ')}`;
        const [row] = await tx.unsafe<{ inserted: boolean }[]>(
          `insert into ${quoteIdent(table)} (${names.join(', ')}) values (${placeholders.join(', ')}) on conflict (${keyList(columns)}) ${conflict} returning (xmax = 0) as inserted`,
          given.map(([, v]) => v) as postgres.ParameterOrJSON<never>[],
        );
        if (row?.inserted) inserted++;
        else if (row) updated++;
      }
      if (missing.length > 0) throw new MissingRecords(missing);
      const recordCount = await recordListLoad(tx, listId, inserted - deleted, userId);
      const revision = await recordRevision(tx, {
        listId,
        kind: 'rowEdit',
        userId,
        email: user.email,
        counts: { inserted, updated, unchanged: 0, deleted },
      });
      return { ok: true as const, inserted, updated, deleted, recordCount, revision };
    });
  } catch (error) {
    if (error instanceof MissingRecords) return { ok: false, reason: 'missing', itemIndexes: error.itemIndexes };
    throw error;
  }
}

class MissingRecords extends Error {
  constructor(readonly itemIndexes: number[]) {
    super('missing records');
  }
}
