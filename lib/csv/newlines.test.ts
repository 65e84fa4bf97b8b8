import { describe, expect, it } from 'vitest';

import { normalizeNewlines } from './newlines';

async function* fromChunks(chunks: readonly string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield chunk;
}

async function normalize(chunks: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of normalizeNewlines(fromChunks(chunks))) out.push(piece);
  return out;
}

const joined = async (chunks: readonly string[]) => (await normalize(chunks)).join('');

/** Every way to cut `text` into two chunks, plus one-character chunks. */
function chunkings(text: string): string[][] {
  const result: string[][] = [[text], [...text]];
  for (let cut = 1; cut < text.length; cut++) result.push([text.slice(0, cut), text.slice(cut)]);
  return result;
}

describe('normalizeNewlines', () => {
  it('leaves LF line ends alone', async () => {
    expect(await joined(['a,b\n1,2\n'])).toBe('a,b\n1,2\n');
  });

  it('turns CRLF into LF', async () => {
    expect(await joined(['a,b\r\n1,2\r\n'])).toBe('a,b\n1,2\n');
  });

  it('turns a lone CR (classic Mac) into LF', async () => {
    expect(await joined(['a,b\r1,2\r3,4'])).toBe('a,b\n1,2\n3,4');
  });

  it('handles mixed line ends in one file', async () => {
    expect(await joined(['h\r\na\rb\nc\r\n'])).toBe('h\na\nb\nc\n');
  });

  it('keeps blank lines: CR CR LF is two line ends, LF CR is two line ends', async () => {
    expect(await joined(['a\r\r\nb'])).toBe('a\n\nb');
    expect(await joined(['a\n\rb'])).toBe('a\n\nb');
    expect(await joined(['a\r\n\r\nb'])).toBe('a\n\nb');
  });

  it('joins a CR at the end of a chunk with the LF at the start of the next into one line end', async () => {
    expect(await joined(['a,b\r', '\n1,2\r\n'])).toBe('a,b\n1,2\n');
  });

  it('treats a CR at the end of a chunk followed by other text as a line end of its own', async () => {
    expect(await joined(['a,b\r', '1,2'])).toBe('a,b\n1,2');
  });

  it('joins CR and LF even when empty chunks come between them', async () => {
    expect(await joined(['a\r', '', '', '\nb'])).toBe('a\nb');
  });

  it('handles chunks that are nothing but CR', async () => {
    expect(await joined(['a', '\r', '\r', '\n', 'b'])).toBe('a\n\nb');
    expect(await joined(['a', '\r', '\n', '\r', '\n', 'b'])).toBe('a\n\nb');
  });

  it('emits the line end of a CR that is the very last character of the stream', async () => {
    const pieces = await normalize(['a,b\r']);
    expect(pieces.join('')).toBe('a,b\n');
    expect(pieces.every((p) => !p.includes('\r'))).toBe(true);
  });

  it('normalises every line end outside quotes, keeps those inside, however the input is cut', async () => {
    const text = 'id,name\r\n1,"multi\r\nline ""q"" \rend"\r2,x\n\r\n3,y\r\r\n4,z\r';
    const expected = 'id,name\n1,"multi\r\nline ""q"" \rend"\n2,x\n\n3,y\n\n4,z\n';
    for (const chunks of chunkings(text)) {
      const pieces = await normalize(chunks);
      expect(pieces.join(''), JSON.stringify(chunks)).toBe(expected);
    }
  });

  it('yields nothing for an empty stream', async () => {
    expect(await normalize([])).toEqual([]);
    expect(await joined(['', ''])).toBe('');
  });
});
