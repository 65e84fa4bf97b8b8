'use client';

import { useDropzone } from 'react-dropzone';

import type { FileInput as FileDeclaration } from '@/lib/custom-imports/types';

/** A file input: drop a file on the zone, or choose it with the button (keyboard reachable, labelled). */
export function FileInput(props: {
  input: FileDeclaration;
  id: string;
  file: File | undefined;
  describedBy?: string;
  onFile: (file: File) => void;
}) {
  const extensions = props.input.accept?.filter((a) => a.startsWith('.')) ?? [];
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    multiple: false,
    // Only a drop target: choosing is a real button, so there are no nested interactive controls.
    noClick: true,
    noKeyboard: true,
    ...(extensions.length > 0 && { accept: { 'application/octet-stream': extensions } }),
    onDropAccepted: ([file]) => file && props.onFile(file),
  });
  return (
    <div {...getRootProps({ className: `dropzone${isDragActive ? ' active' : ''}` })}>
      <input {...getInputProps({ id: props.id, 'aria-describedby': props.describedBy })} />
      <p>
        {props.file ? (
          <>
            <strong>{props.file.name}</strong>{' '}
            <span className="hint">({Math.max(1, Math.round(props.file.size / 1024)).toLocaleString('en-US')} KB)</span>
          </>
        ) : (
          <strong>{isDragActive ? 'Drop the file here' : 'Drop a file here'}</strong>
        )}
      </p>
      <p>
        <button type="button" onClick={open} aria-describedby={props.describedBy}>
          {props.file ? 'Choose another file…' : `Choose ${props.input.label}…`}
        </button>
      </p>
      {extensions.length > 0 && <p className="hint">{extensions.join(', ')}</p>}
    </div>
  );
}
