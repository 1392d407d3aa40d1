// A moment as a day and a time of day, each typed as the chosen language writes it, in a fieldset
// of its own; held as a local yyyy-mm-ddTHH:MM (the form a datetime-local input would give).
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { dayFormat } from './date-field';
import { dayPattern } from './day-text';
import { FormattedField, type TextFormat } from './formatted-field';
import { formatTime, parseTime, timePattern } from './time-text';

const timeFormat: TextFormat = {
  format: formatTime,
  parse: parseTime,
  hint: () => t('dateTime.as', { pattern: timePattern() }),
  wrong: () => t('time.wrong', { pattern: timePattern() }),
  size: 6,
};

// Short hints, so that the day and the time fit side by side on a phone.
const shortDayFormat: TextFormat = { ...dayFormat, hint: () => t('dateTime.as', { pattern: dayPattern() }) };

const pad = (n: number) => String(n).padStart(2, '0');

/** `date` as the field holds it: yyyy-mm-ddTHH:MM in local time; '' for an invalid date. */
export function localDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

interface DateTimeFieldProps {
  id: string;
  legend: string;
  /** yyyy-mm-ddTHH:MM in local time, '' for none. */
  value: string;
  /** yyyy-mm-ddTHH:MM, or null while either part is empty or no day or time. */
  onChange: (value: string | null) => void;
}

export function DateTimeField({ id, legend, value, onChange }: DateTimeFieldProps) {
  const [dayValue, timeValue] = value.includes('T') ? value.split('T') : ['', ''];
  const [day, setDay] = useState<string | null>(dayValue ?? '');
  const [time, setTime] = useState<string | null>(timeValue ?? '');
  useEffect(() => {
    if (!value.includes('T')) return;
    setDay(dayValue ?? '');
    setTime(timeValue ?? '');
  }, [value]);
  const changed = (nextDay: string | null, nextTime: string | null) => {
    setDay(nextDay);
    setTime(nextTime);
    onChange(nextDay && nextTime ? `${nextDay}T${nextTime}` : null);
  };
  return (
    <fieldset class="date-time">
      <legend>{legend}</legend>
      <FormattedField id={`${id}-day`} label={t('dateTime.day')} value={dayValue ?? ''} textFormat={shortDayFormat} onChange={(next) => changed(next, time)} />
      <FormattedField id={`${id}-time`} label={t('dateTime.time')} value={timeValue ?? ''} textFormat={timeFormat} onChange={(next) => changed(day, next)} />
    </fieldset>
  );
}
