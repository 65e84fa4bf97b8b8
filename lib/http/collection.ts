import { z } from 'zod';

export const pagingSchema = z.object({
  start: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(20),
});

export type Link = { rel: string; method: string; href: string; uri: string; type?: string };

export function link(rel: string, method: string, uri: string): Link {
  return { rel, method, href: uri, uri };
}

/**
 * The collection shape of the List Data API family: `{start, limit, count, items, links}`. With
 * `nextCursor` (the audit log's `{before: id}`) the `next` link names the following page by it
 * instead of by `start`, so it stays the same page while newer items are added.
 */
export function collection<T>(
  request: Request,
  items: T[],
  paging: { start: number; limit: number },
  count: number,
  nextCursor?: Record<string, string>,
) {
  const url = new URL(request.url);
  const page = (start: number, cursor?: Record<string, string>) => {
    const next = new URL(url);
    if (cursor) {
      next.searchParams.delete('start');
      for (const [name, value] of Object.entries(cursor)) next.searchParams.set(name, value);
    } else next.searchParams.set('start', String(start));
    next.searchParams.set('limit', String(paging.limit));
    return `${next.pathname}${next.search}`;
  };
  const links: Link[] = [link('self', 'GET', page(paging.start))];
  if (paging.start > 0) links.push(link('prev', 'GET', page(Math.max(0, paging.start - paging.limit))));
  if (paging.start + items.length < count)
    links.push(link('next', 'GET', page(paging.start + paging.limit, nextCursor)));
  return { start: paging.start, limit: paging.limit, count, items, links };
}
