/** What a load did to the list's records. */
export type LoadCounts = { inserted: number; updated: number; unchanged: number; deleted: number };
