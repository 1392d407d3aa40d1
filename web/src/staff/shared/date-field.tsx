// A day typed as the chosen language writes it, with the format said beside the field (a date
// input would follow the browser's own locale, e.g. en-US mm/dd/yyyy, whatever the app's language).
import { useEffect, useState } from 'preact/hooks';
import { m } from '../messages';
import { dayPattern, formatDay, parseDay } from './day-text';

interface DateFieldProps {
  id: string;
  label: string;
  /** yyyy-mm-dd, '' for none. */
  value: string;
  /** yyyy-mm-dd, '' when emptied, null while the text is no day. */
  onChange: (value: string | null) => void;
}

export function DateField({ id, label, value, onChange }: DateFieldProps) {
  const [text, setText] = useState(formatDay(value));
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && parseDay(text) !== value) setText(formatDay(value));
  }, [value]);
  const wrong = checked && text.trim() !== '' && parseDay(text) === null;
  const pattern = dayPattern();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {m('date.hint', { pattern, example: formatDay('2026-12-31') })}
      </p>
      <input
        id={id}
        autocomplete="off"
        inputMode="numeric"
        size={12}
        aria-describedby={wrong ? `${id}-hint ${id}-wrong` : `${id}-hint`}
        aria-invalid={wrong}
        value={text}
        onInput={(event) => {
          const next = (event.target as HTMLInputElement).value;
          setText(next);
          onChange(next.trim() === '' ? '' : parseDay(next));
        }}
        onBlur={() => setChecked(true)}
      />
      {wrong && (
        <p class="field-problem" id={`${id}-wrong`}>
          {m('date.wrong', { pattern })}
        </p>
      )}
    </div>
  );
}
