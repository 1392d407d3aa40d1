// Large, labelled choices for one hand: a group of radio buttons or of checkboxes in a fieldset
// whose legend names the question. Each option is a whole tappable row; `compact` puts short
// options side by side, `dense` keeps rows lower (still large enough to tap) for long lists.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface Option<T> {
  value: T;
  label: string;
  detail?: string;
}

interface GroupProps {
  legend: string;
  compact?: boolean | undefined;
  dense?: boolean | undefined;
  hint?: string;
  children: ComponentChildren;
  invalid?: boolean;
}

function Group({ legend, hint, children, invalid, compact, dense }: GroupProps) {
  const hintId = useId();
  return (
    <fieldset class={invalid ? 'group invalid' : 'group'} aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      <div class={compact ? 'options compact' : dense ? 'options dense' : 'options'}>{children}</div>
    </fieldset>
  );
}

export function RadioGroup<T extends string | number>(props: {
  legend: string;
  hint?: string;
  options: Option<T>[];
  value: T | null;
  onChange: (value: T) => void;
  invalid?: boolean;
  /** Short options side by side. */
  compact?: boolean;
  dense?: boolean;
}) {
  const name = useId();
  return (
    <Group legend={props.legend} hint={props.hint} invalid={props.invalid} compact={props.compact} dense={props.dense}>
      {props.options.map((option) => (
        <label class="option" key={String(option.value)}>
          <input
            type="radio"
            name={name}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
          />
          <span class="option-text">
            <span>{option.label}</span>
            {option.detail && <span class="option-detail">{option.detail}</span>}
          </span>
        </label>
      ))}
    </Group>
  );
}

export function CheckGroup<T extends string | number>(props: {
  legend: string;
  hint?: string;
  options: Option<T>[];
  value: T[];
  onChange: (value: T[]) => void;
  invalid?: boolean;
  dense?: boolean;
}) {
  const toggle = (value: T, on: boolean) =>
    props.onChange(on ? [...props.value, value] : props.value.filter((v) => v !== value));
  return (
    <Group legend={props.legend} hint={props.hint} invalid={props.invalid} dense={props.dense}>
      {props.options.map((option) => (
        <label class="option" key={String(option.value)}>
          <input
            type="checkbox"
            checked={props.value.includes(option.value)}
            onChange={(event) => toggle(option.value, (event.target as HTMLInputElement).checked)}
          />
          <span class="option-text">
            <span>{option.label}</span>
            {option.detail && <span class="option-detail">{option.detail}</span>}
          </span>
        </label>
      ))}
    </Group>
  );
}
