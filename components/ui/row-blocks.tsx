'use client';

import { useState } from 'react';

/**
 * Browsers cap an element's height near 33.5 million pixels, so a virtualized grid of millions of
 * rows cannot scroll to its end. Grids show rows in blocks of this many, with a way to move between them.
 */
export const ROWS_PER_BLOCK = 500_000;

export function useRowBlocks(rowCount: number) {
  const [requested, setBlock] = useState(0);
  const blocks = Math.max(1, Math.ceil(rowCount / ROWS_PER_BLOCK));
  const block = Math.min(requested, blocks - 1);
  const offset = block * ROWS_PER_BLOCK;
  return { block, blocks, offset, count: Math.max(0, Math.min(ROWS_PER_BLOCK, rowCount - offset)), setBlock };
}

export function RowBlockNav({
  block,
  blocks,
  offset,
  count,
  total,
  setBlock,
}: ReturnType<typeof useRowBlocks> & { total: number }) {
  if (blocks <= 1) return null;
  return (
    <nav className="row" aria-label="Row blocks">
      <span className="hint">
        Showing rows {(offset + 1).toLocaleString('en-US')}–{(offset + count).toLocaleString('en-US')} of{' '}
        {total.toLocaleString('en-US')}
      </span>
      <button type="button" onClick={() => setBlock(block - 1)} disabled={block === 0}>
        Previous {ROWS_PER_BLOCK.toLocaleString('en-US')}
      </button>
      <button type="button" onClick={() => setBlock(block + 1)} disabled={block >= blocks - 1}>
        Next {ROWS_PER_BLOCK.toLocaleString('en-US')}
      </button>
    </nav>
  );
}
