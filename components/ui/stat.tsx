import { useId, type CSSProperties } from 'react';

/**
 * A figure ("Rows with problems 4"): a group named by its label, so a screen reader says what the
 * number counts, and a test finds the number by that name.
 */
export function Stat({ label, value, valueStyle }: { label: string; value: number; valueStyle?: CSSProperties }) {
  const id = useId();
  return (
    <span className="stat" role="group" aria-labelledby={id}>
      <span className="hint" id={id}>
        {label}
      </span>
      <strong style={valueStyle}>{value.toLocaleString('en-US')}</strong>
    </span>
  );
}
