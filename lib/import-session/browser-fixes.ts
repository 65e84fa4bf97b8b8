import { z } from 'zod';

import type { BrowserFixes } from '@/lib/shared/browser-fixes';
import { plural } from '@/lib/shared/plural';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The `browserFixes` field of an import upload: JSON sent by the import wizard (bounded: 1,000 columns). */
export const browserFixesSchema = z.object({
  cellsEdited: count,
  rowsDeleted: count,
  valuesReplaced: z
    .array(z.object({ column: z.string().min(1).max(500), count }))
    .max(1000, 'browserFixes.valuesReplaced can name at most 1,000 columns.'),
}) satisfies z.ZodType<BrowserFixes>;

/** The multipart field's text → fixes, with a message that says what is wrong. */
export const browserFixesField = z
  .string()
  .max(64 * 1024)
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'browserFixes must be JSON.' });
      return z.NEVER;
    }
  })
  .pipe(browserFixesSchema);

export function hasFixes(fixes: BrowserFixes | null | undefined): fixes is BrowserFixes {
  return Boolean(fixes && (fixes.cellsEdited || fixes.rowsDeleted || fixes.valuesReplaced.some((v) => v.count > 0)));
}

/**
 * "37 cells edited, 2 rows deleted, 285 values replaced in lifetime_value, 4 rows with problems left
 * out" — or "no changes".
 */
export function browserFixesWords(fixes: BrowserFixes | null | undefined, rowsLeftOut = 0): string {
  const parts: string[] = [];
  if (fixes?.cellsEdited) parts.push(`${plural(fixes.cellsEdited, 'cell')} edited`);
  if (fixes?.rowsDeleted) parts.push(`${plural(fixes.rowsDeleted, 'row')} deleted`);
  for (const { column, count: replaced } of fixes?.valuesReplaced ?? []) {
    if (replaced > 0) parts.push(`${plural(replaced, 'value')} replaced in ${column}`);
  }
  if (rowsLeftOut > 0) parts.push(`${plural(rowsLeftOut, 'row')} with problems left out`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}
