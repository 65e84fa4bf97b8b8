'use client';

import { useState } from 'react';
import { useDropzone, type FileRejection } from 'react-dropzone';

const ACCEPT = {
  'text/csv': ['.csv'],
  'text/tab-separated-values': ['.tsv'],
  'text/plain': ['.txt'],
  'application/vnd.ms-excel': ['.csv', '.xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.ms-excel.sheet.macroEnabled.12': ['.xlsm'],
};

/** Step 1: a file by drop or browse (the zone is a button: Enter/Space opens the file chooser). */
export function DropStep({ onFile }: { onFile: (file: File) => void }) {
  const [rejection, setRejection] = useState<string>();
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    accept: ACCEPT,
    multiple: false,
    // The zone is only a drop target; choosing is a real button (no nested interactive controls).
    noClick: true,
    noKeyboard: true,
    onDropAccepted: ([file]) => {
      setRejection(undefined);
      if (file) onFile(file);
    },
    onDropRejected: (rejections: FileRejection[]) => {
      const name = rejections[0]?.file.name ?? 'This file';
      setRejection(
        rejections.length > 1
          ? 'Drop one file at a time.'
          : `${name} cannot be imported: Listport imports CSV files (.csv, .tsv, .txt) and Excel workbooks (.xlsx). Save the file as one of them and choose it again.`,
      );
    },
  });
  return (
    <div className="stack">
      <div {...getRootProps({ className: `dropzone${isDragActive ? ' active' : ''}` })}>
        <input {...getInputProps()} aria-label="CSV file or Excel workbook" />
        <p>
          <strong>{isDragActive ? 'Drop the file to read it' : 'Drop a CSV file or an Excel workbook here'}</strong>
        </p>
        <p>
          <button type="button" className="primary" onClick={open}>
            Choose a file…
          </button>
        </p>
        <p className="hint">
          .csv, .tsv, .txt or .xlsx — read in your browser first, so you can fix every problem before anything is
          uploaded.
        </p>
      </div>
      {rejection && (
        <p className="alert error" role="alert">
          {rejection}
        </p>
      )}
    </div>
  );
}
