// The parts of a meeting's record that recording and amending share: who was present (the
// checklist says why all three are needed at the initial and the closing meeting) and the support
// needs in the client's own words, each with its area of life.
import { useState } from 'preact/hooks';
import type { Meeting_Kind } from '../../../gen/rinnalla/v1/meetings_pb';
import { CheckGroup } from '../../../shared/ui/choices';
import type { Party } from '../meeting-parties';
import { needsThreeParties, type NeedDraft } from '../meeting-rules';
import { m } from '../messages';
import { AreaOptions } from './area-options';


export function PartiesField(props: { kind: Meeting_Kind; guideName: string; value: Party[]; onChange: (parties: Party[]) => void }) {
  return (
    <CheckGroup<Party>
      legend={m('record.parties')}
      {...(needsThreeParties(props.kind) ? { hint: m('record.partiesWhy') } : {})}
      options={[
        { value: 'client', label: m('party.CLIENT') },
        { value: 'socialWorker', label: m('party.SOCIAL_WORKER') },
        { value: 'guide', label: m('party.GUIDE', { guide: props.guideName }) },
      ]}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

/** `id` prefixes the fields' ids, so two forms on a page never share one. */
export function SupportNeedsField(props: { id: string; value: NeedDraft[]; onChange: (needs: NeedDraft[]) => void }) {
  const needs = props.value;
  const [added, setAdded] = useState(false);
  const change = (index: number, next: Partial<NeedDraft>) => props.onChange(needs.map((old, i) => (i === index ? { ...old, ...next } : old)));
  return (
    <fieldset class="group">
      <legend>{m('record.needs')}</legend>
      {needs.map((need, index) => (
        <div class="need" key={index}>
          <div class="field">
            <label for={`${props.id}-${index}-area`}>{m('record.needArea')}</label>
            <select
              id={`${props.id}-${index}-area`}
              ref={(element) => {
                // The need just added takes the focus, on its area.
                if (element && added && index === needs.length - 1) {
                  element.focus();
                  setAdded(false);
                }
              }}
              value={need.area}
              onChange={(e) => change(index, { area: Number((e.target as HTMLSelectElement).value) })}
            >
              <AreaOptions />
            </select>
          </div>
          <div class="field">
            <label for={`${props.id}-${index}-text`}>{m('record.needText')}</label>
            <input
              id={`${props.id}-${index}-text`}
              maxLength={2000}
              value={need.description}
              onInput={(e) => change(index, { description: (e.target as HTMLInputElement).value })}
            />
          </div>
          <button type="button" class="secondary" onClick={() => props.onChange(needs.filter((_, i) => i !== index))}>
            {m('record.removeNeed', { n: index + 1 })}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => {
          setAdded(true);
          props.onChange([...needs, { area: 0, description: '' }]);
        }}
      >
        {m('record.addNeed')}
      </button>
    </fieldset>
  );
}
