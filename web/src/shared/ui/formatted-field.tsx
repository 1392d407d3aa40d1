// A field typed as text the way the chosen language writes its value (a day, a time of day), with
// that way said beside the field and a problem shown once a text that is no value is left. Native
// date and time inputs would follow the browser's own locale, e.g. en-US, whatever the app's
// language.
import { useEffect, useState } from 'preact/hooks';

/** How one kind of value is written and read in the chosen language. */
export interface TextFormat {
  /** The value written for the user; '' stays ''. */
  format: (value: string) => string;
  /** The value the user wrote, null when it is none. */
  parse: (text: string) => string | null;
  /** The sentence beside the field, and the one when the text is no value. */
  hint: () => string;
  wrong: () => string;
  /** The field's width in characters. */
  size: number;
}

interface FormattedFieldProps {
  id: string;
  label: string;
  /** The value in its canonical form, '' for none. */
  value: string;
  /** The canonical value, '' when emptied, null while the text is no value. */
  onChange: (value: string | null) => void;
  textFormat: TextFormat;
}

export function FormattedField({ id, label, value, onChange, textFormat }: FormattedFieldProps) {
  const [text, setText] = useState(textFormat.format(value));
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    if (value !== '' && textFormat.parse(value) === value && textFormat.parse(text) !== value) setText(textFormat.format(value));
  }, [value]);
  const wrong = checked && text.trim() !== '' && textFormat.parse(text) === null;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {textFormat.hint()}
      </p>
      <input
        id={id}
        autocomplete="off"
        inputMode="numeric"
        size={textFormat.size}
        aria-describedby={wrong ? `${id}-hint ${id}-wrong` : `${id}-hint`}
        aria-invalid={wrong}
        value={text}
        onInput={(event) => {
          const next = (event.target as HTMLInputElement).value;
          setText(next);
          onChange(next.trim() === '' ? '' : textFormat.parse(next));
        }}
        onBlur={() => setChecked(true)}
      />
      {wrong && (
        <p class="field-problem" id={`${id}-wrong`}>
          {textFormat.wrong()}
        </p>
      )}
    </div>
  );
}
