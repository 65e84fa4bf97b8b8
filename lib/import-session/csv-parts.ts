/**
 * Collects CSV lines into parts of `partRows` lines, small enough to stream into a Blob without
 * holding a 1M-row file as one string: `add` returns a part when one is full, `rest` the last one.
 */
export class CsvParts {
  private part = '';
  private inPart = 0;

  constructor(private readonly partRows: number) {}

  add(line: string): string | undefined {
    this.part += line;
    if (++this.inPart < this.partRows) return undefined;
    const full = this.part;
    this.part = '';
    this.inPart = 0;
    return full;
  }

  rest(): string | undefined {
    return this.part || undefined;
  }
}
