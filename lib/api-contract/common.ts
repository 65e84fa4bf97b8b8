import { z } from 'zod';

/**
 * Schemas that describe what the API answers. They are registered here under an id so the OpenAPI
 * document names each shape once (`#/components/schemas/<id>`); request schemas live beside their
 * area and are the very ones the route handlers parse with.
 */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

export const errorSchema = z
  .object({
    httpStatusCode: z.number().int(),
    errorCode: z.number().int().describe('Stable numeric code; every code is listed in docs/errors.md.'),
    message: z.string().describe('What is wrong, in plain words.'),
    details: z.array(z.string()),
    remediation: z.string().describe('What to do about it.'),
    id: z.string().optional(),
    version: z.literal(2),
  })
  .register(apiSchemas, { id: 'Error', description: 'The one error shape of every failed request.' });

export const linkSchema = z
  .object({
    rel: z.string(),
    method: z.string(),
    href: z.string(),
    uri: z.string(),
    type: z.string().optional(),
  })
  .register(apiSchemas, { id: 'Link' });

/** `{start, limit, count, items, links}`: the collection shape of the List Data API family. */
export function collectionOf<T extends z.ZodType>(item: T) {
  return z.object({
    start: z.number().int(),
    limit: z.number().int(),
    count: z.number().int(),
    items: z.array(item),
    links: z.array(linkSchema),
  });
}
