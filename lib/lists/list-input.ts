import { z } from 'zod';

import { columnsInputSchema } from './columns';

export const LIST_STATES = ['developing', 'deployed'] as const;

const name = z.string().trim().min(1, 'name is required').max(200, 'name is at most 200 characters');

export const createListSchema = z.object({
  name,
  description: z.string().max(4000).optional().default(''),
  label: z.string().max(200).optional().default(''),
  workspaceId: z.string().uuid('workspaceId must be a workspace id').optional(),
  state: z.enum(LIST_STATES).optional().default('developing'),
  isImmutable: z.boolean().optional().default(false),
  columns: columnsInputSchema,
});

export const updateListSchema = z.object({
  name: name.optional(),
  description: z.string().max(4000).optional(),
  label: z.string().max(200).optional(),
  state: z.enum(LIST_STATES).optional(),
  isImmutable: z.boolean().optional(),
  columns: columnsInputSchema.optional(),
});
export type UpdateListInput = z.output<typeof updateListSchema>;

/** `sortBy=name:descending` (or `-name`) → column and direction. */
export function parseSortBy(value: string | undefined): { field: string; descending: boolean } | undefined {
  if (!value) return undefined;
  if (value.startsWith('-')) return { field: value.slice(1), descending: true };
  const [field = '', direction = 'ascending'] = value.split(':');
  if (!['ascending', 'descending', 'asc', 'desc'].includes(direction)) {
    throw new z.ZodError([
      {
        code: 'custom',
        path: ['sortBy'],
        message: 'sortBy takes <field>:ascending or <field>:descending',
        input: value,
      },
    ]);
  }
  return { field, descending: direction.startsWith('desc') };
}
