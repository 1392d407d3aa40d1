// A day typed as the chosen language writes it (1.12.2026, 01/12/2026), held as yyyy-mm-dd.
import { t } from '../i18n/i18n';
import { dayPattern, formatDay, parseDay } from './day-text';
import { FormattedField, type TextFormat } from './formatted-field';

export const dayFormat: TextFormat = {
  format: formatDay,
  parse: parseDay,
  hint: () => t('date.hint', { pattern: dayPattern(), example: formatDay('2026-12-31') }),
  wrong: () => t('date.wrong', { pattern: dayPattern() }),
  size: 12,
};

interface DateFieldProps {
  id: string;
  label: string;
  /** yyyy-mm-dd, '' for none. */
  value: string;
  /** yyyy-mm-dd, '' when emptied, null while the text is no day. */
  onChange: (value: string | null) => void;
}

export function DateField(props: DateFieldProps) {
  return <FormattedField {...props} textFormat={dayFormat} />;
}
