// A text box with a character counter (read by screen readers with the field's description).
import { useId } from 'preact/hooks';
import { t } from '../i18n/i18n';

export function TextArea(props: {
  label: string;
  value: string;
  max: number;
  rows?: number;
  onInput: (value: string) => void;
}) {
  const id = useId();
  const counterId = useId();
  const count = [...props.value].length;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        rows={props.rows ?? 5}
        value={props.value}
        aria-describedby={counterId}
        aria-invalid={count > props.max}
        onInput={(event) => props.onInput((event.target as HTMLTextAreaElement).value)}
      />
      <p id={counterId} class={count > props.max ? 'counter over' : 'counter'}>
        {t('visit.counter', { count, max: props.max })}
      </p>
    </div>
  );
}
