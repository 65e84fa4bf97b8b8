import { SaxesParser, type SaxesTagPlain } from 'saxes';

import { damagedWorkbook, WorkbookError } from './workbook-error';

/**
 * Event-driven XML reading (saxes, a streaming parser that runs in browsers and Node): handlers get
 * local names ("row", not "x:row"; workbooks written by some tools prefix every element).
 */
export type XmlHandlers = {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
};

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export function createXmlParser(handlers: XmlHandlers, part: string) {
  const parser = new SaxesParser({ xmlns: false });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag: SaxesTagPlain) => open(localName(tag.name), tag.attributes as Record<string, string>));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag: SaxesTagPlain) => close(localName(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  // A handler's own refusal (a WorkbookError) is passed on as it is; anything else saxes throws is
  // the XML itself.
  const fail = (error: unknown) =>
    error instanceof WorkbookError ? error : damagedWorkbook(`its part ${part} is not well-formed XML`);
  return {
    write(chunk: string) {
      try {
        parser.write(chunk);
      } catch (error) {
        throw fail(error);
      }
    },
    end() {
      try {
        parser.close();
      } catch (error) {
        throw fail(error);
      }
    },
  };
}

/** Parses a whole (small) XML text. */
export function parseXml(text: string, handlers: XmlHandlers, part: string): void {
  const parser = createXmlParser(handlers, part);
  parser.write(text);
  parser.end();
}

/** The value of an attribute whatever its prefix (r:id, x:r…). */
export function attribute(attributes: Record<string, string>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const key in attributes) if (localName(key) === name) return attributes[key];
  return undefined;
}
