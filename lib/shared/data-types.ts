/** The data types a list column can have. A leaf module: lib/lists and lib/formats both build on it. */
export const DATA_TYPES = ['string', 'integer', 'number', 'boolean', 'date', 'datetime'] as const;
export type DataType = (typeof DATA_TYPES)[number];
