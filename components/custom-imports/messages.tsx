import type { Message } from '@/lib/custom-imports/types';

const CLASS: Record<Message['status'], string> = { ERROR: 'alert error', WARN: 'alert warn', INFO: 'alert ok' };

/**
 * Messages of a validation or preview, most serious first. Plain list items: a list of alerts is
 * not a list to assistive technology, and each would interrupt; the caller announces a summary.
 */
export function Messages({ messages, label }: { messages: Message[]; label: string }) {
  if (messages.length === 0) return null;
  const order = { ERROR: 0, WARN: 1, INFO: 2 };
  const sorted = [...messages].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <ul className="stack" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {sorted.map((m, i) => (
        <li key={i} className={CLASS[m.status]}>
          <strong>{m.title}:</strong> {m.message}
        </li>
      ))}
    </ul>
  );
}

/** An input's own messages, right under it (linked with aria-describedby). */
export function InputMessages({ id, messages }: { id: string; messages: Message[] }) {
  if (messages.length === 0) return null;
  return (
    <div id={id} className="stack">
      {messages.map((m, i) => (
        <p
          key={i}
          className={m.status === 'ERROR' ? 'alert error' : m.status === 'WARN' ? 'alert warn' : 'hint'}
          style={{ margin: 0 }}
        >
          {m.message}
        </p>
      ))}
    </div>
  );
}
