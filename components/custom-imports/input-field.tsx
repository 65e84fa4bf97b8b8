'use client';

import { useNarrowScreen } from '@/components/ui/use-narrow-screen';
import type { InputDeclaration, Message, SelectOption } from '@/lib/custom-imports/types';

import { FileInput } from './file-input';
import { InputMessages } from './messages';

export type FieldValue = string | boolean;
export type ListChoice = { id: string; name: string };

type Props = {
  input: InputDeclaration;
  value: FieldValue | undefined;
  file: File | undefined;
  /** Choices of a select whose options come from the script (e.g. the sheets of a workbook). */
  dynamicOptions: SelectOption[] | undefined;
  lists: ListChoice[];
  messages: Message[];
  disabled: boolean;
  onChange: (value: FieldValue) => void;
  onFile: (file: File) => void;
};

/** One input of a script's declaration, rendered by its type, with its help and its own messages. */
export function InputField(props: Props) {
  const { input } = props;
  const id = `input-${input.name}`;
  const helpId = input.help ? `${id}-help` : undefined;
  const messagesId = props.messages.length ? `${id}-messages` : undefined;
  const text = typeof props.value === 'string' ? props.value : '';
  const narrow = useNarrowScreen();
  // What the chosen option does, when the script says: under the select, for that option only. On a
  // phone, where the options read short, the chosen one is written out in full there too.
  const chosen =
    input.type === 'select'
      ? (input.dynamic ? props.dynamicOptions : input.options)?.find((o) => o.value === text)
      : undefined;
  const chosenDetail =
    narrow && chosen?.short && chosen.short !== chosen.label
      ? [`${chosen.label}.`, chosen.detail].filter(Boolean).join(' ')
      : chosen?.detail;
  const detailId = chosenDetail ? `${id}-detail` : undefined;
  const describedBy = [helpId, detailId, messagesId].filter(Boolean).join(' ') || undefined;
  const invalid = props.messages.some((m) => m.status === 'ERROR');
  const common = {
    id,
    disabled: props.disabled,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    required: input.required,
  };

  let control;
  switch (input.type) {
    case 'file':
      control = <FileInput input={input} id={id} file={props.file} describedBy={describedBy} onFile={props.onFile} />;
      break;
    case 'checkbox':
      control = (
        <input
          {...common}
          type="checkbox"
          checked={props.value === true}
          onChange={(e) => props.onChange(e.target.checked)}
          style={{ width: 'auto', alignSelf: 'flex-start' }}
        />
      );
      break;
    case 'select': {
      const options = input.dynamic ? (props.dynamicOptions ?? []) : input.options;
      control = (
        <select {...common} value={text} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">
            {input.dynamic && options.length === 0
              ? `(choose ${input.dynamic.dependsOn.join(', ')} first)`
              : '— choose —'}
          </option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {narrow && o.short ? o.short : o.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'list':
      control = (
        <select {...common} value={text} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{props.lists.length ? '— choose a list —' : '(this workspace has no lists yet)'}</option>
          {props.lists.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      );
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          inputMode="decimal"
          step="any"
          value={text}
          onChange={(e) => props.onChange(e.target.value)}
        />
      );
      break;
    case 'date':
      control = <input {...common} type="date" value={text} onChange={(e) => props.onChange(e.target.value)} />;
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          value={text}
          placeholder={input.placeholder}
          onChange={(e) => props.onChange(e.target.value)}
        />
      );
  }

  return (
    <div className="field">
      <label htmlFor={id}>
        {input.label}
        {input.required && input.type !== 'checkbox' && <span className="hint"> (required)</span>}
      </label>
      {input.help && (
        <p id={helpId} className="hint" style={{ margin: 0 }}>
          {input.help}
        </p>
      )}
      {control}
      {detailId && (
        <p id={detailId} className="hint" style={{ margin: 0 }}>
          {chosenDetail}
        </p>
      )}
      {messagesId && <InputMessages id={messagesId} messages={props.messages} />}
    </div>
  );
}
