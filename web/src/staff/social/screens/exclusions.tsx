// The client's "I know this person" exclusions: guides never suggested nor assignable for them.
// Any guide of the organization can be excluded here, not only one suggested now (a guide who is
// full or on a break today may be suggested later). Removing one is the coordinator's (the server
// refuses a social worker), in their section of excluded guides, so it is not offered here.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { useState } from 'preact/hooks';
import type { MatchExclusion } from '../../../gen/rinnalla/v1/matching_pb';
import { matching } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { formatDateTime, t } from '../../../shared/i18n/i18n';
import { allGuides } from '../../shared/guides-data';
import { wordRefusal } from '../../shared/refusal-words';
import { useCall } from '../../shared/use-call';
import { m } from '../messages';

/** What happened, for the screen's message area: a plain notice or a refusal worded. */
export type ExclusionNotice = { text: string; alert: boolean };

/** Excludes `guide` (named `displayName`) for the client: what to tell the social worker. */
export async function excludeGuide(client: string, guide: string, displayName: string, reason: string): Promise<ExclusionNotice> {
  try {
    await matching.addMatchExclusion({ parent: client, requestId: crypto.randomUUID(), matchExclusion: { guide, reason } });
    return { text: m('exclusions.added', { guide: displayName }), alert: false };
  } catch (error) {
    return { text: wordRefusal(refusalFromError(error)), alert: true };
  }
}

export function Exclusions(props: {
  client: string;
  exclusions: MatchExclusion[];
  guideNames: Map<string, string>;
  onChanged: (notice: ExclusionNotice) => void;
}) {
  const [adding, setAdding] = useState(false);
  const nameOf = (guide: string) => props.guideNames.get(guide) ?? '';
  return (
    <section aria-labelledby="exclusions-title">
      <h2 id="exclusions-title">{m('exclusions.title')}</h2>
      {props.exclusions.length === 0 ? (
        <p>{m('exclusions.none')}</p>
      ) : (
        <ul class="exclusions">
          {props.exclusions.map((exclusion) => (
            <li key={exclusion.name}>
              <strong>{nameOf(exclusion.guide)}</strong>: {exclusion.reason || m('exclusions.noReason')}
              {exclusion.createTime && <> ({formatDateTime(timestampDate(exclusion.createTime))})</>}
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <ExcludeAnyGuide
          client={props.client}
          excluded={new Set(props.exclusions.map((exclusion) => exclusion.guide))}
          onDone={(notice) => {
            setAdding(false);
            if (notice) props.onChanged(notice);
          }}
        />
      ) : (
        <button type="button" class="secondary" onClick={() => setAdding(true)}>
          {m('exclusions.addAny')}
        </button>
      )}
    </section>
  );
}

function ExcludeAnyGuide(props: { client: string; excluded: Set<string>; onDone: (notice?: ExclusionNotice) => void }) {
  const guides = useCall(allGuides, []);
  const [guide, setGuide] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const choices = (guides.value ?? [])
    .filter((g) => !props.excluded.has(g.name))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const submit = async (event: Event) => {
    event.preventDefault();
    const chosen = choices.find((g) => g.name === guide);
    if (!chosen) {
      setProblem(m('exclusions.chooseGuide'));
      return;
    }
    const notice = await excludeGuide(props.client, chosen.name, chosen.displayName, reason.trim());
    if (notice.alert) setProblem(notice.text);
    else props.onDone(notice);
  };
  if (guides.problem) return <p role="alert">{guides.problem}</p>;
  if (!guides.value) return <p role="status">{t('app.loading')}</p>;
  return (
    <form class="exclude" onSubmit={(event) => void submit(event)} noValidate>
      <div class="field">
        <label for="exclude-guide">{m('exclusions.guideLabel')}</label>
        <select
          id="exclude-guide"
          value={guide}
          aria-invalid={problem !== '' && guide === ''}
          aria-describedby={problem ? 'exclude-problem' : undefined}
          onChange={(e) => {
            setGuide((e.target as HTMLSelectElement).value);
            setProblem('');
          }}
        >
          <option value="">{m('exclusions.chooseOption')}</option>
          {choices.map((g) => (
            <option key={g.name} value={g.name}>
              {g.displayName}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="exclude-reason">{m('exclusions.anyReasonLabel')}</label>
        <input id="exclude-reason" value={reason} maxLength={500} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </div>
      {problem && (
        <p id="exclude-problem" class="notice problem" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="danger">
          {m('exclusions.add')}
        </button>
        <button type="button" class="secondary" onClick={() => props.onDone()}>
          {m('exclusions.cancel')}
        </button>
      </div>
    </form>
  );
}
