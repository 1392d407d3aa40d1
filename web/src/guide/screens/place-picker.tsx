// The places of a visit, short for one hand: the chosen places first (a tap takes one away), the
// whole code list only when asked for, in its fixed order so nothing moves under the thumb. The
// button that shows the list moves the focus to its first place, and the same button after the
// list hides the others again.
import { useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/i18n';
import { CheckGroup } from '../../shared/ui/choices';
import { placeOptions } from '../labels';

export function PlacePicker({ value, onChange }: { value: number[]; onChange: (places: number[]) => void }) {
  const [all, setAll] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const options = placeOptions();
  const shown = all ? options : options.filter((option) => value.includes(option.value));
  const toggle = () => {
    setAll(!all);
    if (!all) requestAnimationFrame(() => box.current?.querySelector('input')?.focus());
  };
  return (
    <div class="place-picker" ref={box}>
      <CheckGroup
        legend={t('visit.places')}
        hint={all ? t('visit.placesHint') : value.length === 0 ? t('visit.placesNone') : undefined}
        dense
        options={shown}
        value={value}
        onChange={onChange}
      />
      <button type="button" class="secondary" aria-expanded={all} onClick={toggle}>
        {all ? t('visit.placesDone') : value.length === 0 ? t('visit.placesChoose') : t('visit.placesChange')}
      </button>
    </div>
  );
}
