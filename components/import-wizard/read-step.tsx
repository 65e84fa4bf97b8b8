'use client';

import type { TextEncodingName } from '@/lib/csv/decode';
import { describeDelimiter } from '@/lib/csv/detect-delimiter';
import { formatBytes } from '@/lib/format-bytes';
import type { EncodingPreview } from '@/lib/import-session/protocol';

import { ReadProgress, type ReadProgressFigures } from './read-progress';

const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European, older Excel)',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
};

type Props = {
  file: File;
  previews: EncodingPreview[];
  utf8Valid: boolean;
  encoding: TextEncodingName;
  delimiter: string;
  onEncoding: (e: TextEncodingName) => void;
  onDelimiter: (d: string) => void;
  onRead: () => void;
  progress?: ReadProgressFigures;
  reading: boolean;
};

/** Step 2: how to read the file — encoding (shown side by side when not UTF-8) and delimiter — then read it. */
export function ReadStep(props: Props) {
  const preview = props.previews.find((p) => p.encoding === props.encoding) ?? props.previews[0];
  return (
    <div className="stack">
      <p>
        <strong>{props.file.name}</strong> <span className="muted">({formatBytes(props.file.size)})</span>
      </p>
      {!props.utf8Valid && (
        <p className="alert warn" role="status">
          This file is not UTF-8. Pick the reading in which names and accents look right below.
        </p>
      )}
      <div className="row fields">
        <div className="field">
          <label htmlFor="encoding">Text encoding</label>
          <select
            id="encoding"
            value={props.encoding}
            onChange={(e) => props.onEncoding(e.target.value as TextEncodingName)}
            disabled={props.reading}
          >
            {props.previews.map((p) => (
              <option key={p.encoding} value={p.encoding}>
                {ENCODING_LABELS[p.encoding]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="delimiter">Values are separated by</label>
          <select
            id="delimiter"
            value={props.delimiter}
            onChange={(e) => props.onDelimiter(e.target.value)}
            disabled={props.reading}
          >
            {[',', ';', '\t', '|'].map((d) => (
              <option key={d} value={d}>
                {describeDelimiter(d)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="primary" onClick={props.onRead} disabled={props.reading}>
          {props.reading ? 'Reading…' : 'Read file'}
        </button>
      </div>
      {preview && (
        <figure className="card">
          <figcaption className="hint">First lines as read with {ENCODING_LABELS[preview.encoding]}</figcaption>
          <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{preview.lines.join('\n')}</pre>
        </figure>
      )}
      {props.reading && props.progress && <ReadProgress progress={props.progress} />}
    </div>
  );
}

// Shared with server components (lib has no 'use client'); re-exported for this module's importers.
export { formatBytes };
