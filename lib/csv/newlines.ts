/**
 * Turns CRLF and lone CR line ends into LF across chunk boundaries, so files with old Mac, Windows
 * or mixed line ends all parse the same way. Line breaks inside quoted values are data and stay as
 * they are: the quote state is followed across chunks (an escaped "" toggles it twice).
 */
export async function* normalizeNewlines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let inQuotes = false;
  let heldCarriageReturn = false;
  for await (let chunk of chunks) {
    if (chunk.length === 0) continue;
    if (heldCarriageReturn) {
      chunk = '\r' + chunk;
      heldCarriageReturn = false;
    }
    if (!chunk.includes('\r')) {
      inQuotes = quoteStateAfter(chunk, inQuotes);
      yield chunk;
      continue;
    }
    let out = '';
    let start = 0;
    let nextQuote = chunk.indexOf('"');
    let nextReturn = chunk.indexOf('\r');
    while (nextReturn !== -1) {
      // Walk the quotes before this CR to know whether it is inside a quoted value.
      while (nextQuote !== -1 && nextQuote < nextReturn) {
        inQuotes = !inQuotes;
        nextQuote = chunk.indexOf('"', nextQuote + 1);
      }
      if (!inQuotes) {
        if (nextReturn === chunk.length - 1) {
          // The next chunk may start with the LF of this CRLF: decide once it arrives.
          out += chunk.slice(start, nextReturn);
          start = chunk.length;
          heldCarriageReturn = true;
          break;
        }
        out += chunk.slice(start, nextReturn) + '\n';
        start = chunk.charCodeAt(nextReturn + 1) === 10 ? nextReturn + 2 : nextReturn + 1;
      }
      nextReturn = chunk.indexOf('\r', nextReturn + 1);
    }
    while (nextQuote !== -1) {
      inQuotes = !inQuotes;
      nextQuote = chunk.indexOf('"', nextQuote + 1);
    }
    yield out + chunk.slice(start);
  }
  if (heldCarriageReturn) yield '\n';
}

function quoteStateAfter(chunk: string, inQuotes: boolean): boolean {
  let state = inQuotes;
  for (let i = chunk.indexOf('"'); i !== -1; i = chunk.indexOf('"', i + 1)) state = !state;
  return state;
}
