/**
 * Turns CRLF and lone CR line ends into LF across chunk boundaries, so files with old Mac, Windows
 * or mixed line ends all parse the same way.
 */
export async function* normalizeNewlines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let heldCarriageReturn = false;
  for await (let chunk of chunks) {
    if (chunk.length === 0) continue;
    if (heldCarriageReturn) {
      chunk = '\r' + chunk;
      heldCarriageReturn = false;
    }
    if (chunk.endsWith('\r')) {
      // The next chunk may start with the LF of this CRLF: decide once it arrives.
      chunk = chunk.slice(0, -1);
      heldCarriageReturn = true;
    }
    yield chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
  }
  if (heldCarriageReturn) yield '\n';
}
