// A referral's suggested guides, best first: each criterion's contribution as a bar with its
// explanation; "I know this person" exclusions shown and added; assigning after a confirmation.
import { useMemo, useState } from 'preact/hooks';
import { Referral_State, type GuideSuggestion } from '../../../gen/rinnalla/v1/matching_pb';
import { directory, matching } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { formatNumber, t } from '../../../shared/i18n/i18n';
import { Confirm } from '../../../shared/ui/confirm';
import { clientByName } from '../../shared/client-search';
import { m } from '../messages';
import { CRITERION_MAX, criterionName, explainReason, reasonShare } from '../reason-words';
import { wordRefusal } from '../../shared/refusal-words';
import { useCall } from '../../shared/use-call';
import { Exclusions, excludeGuide } from './exclusions';

function SuggestionCard(props: {
  suggestion: GuideSuggestion;
  onAssign: () => void;
  onExclude: (reason: string) => Promise<void>;
}) {
  const { suggestion } = props;
  const [excluding, setExcluding] = useState(false);
  const [reason, setReason] = useState('');
  const headingId = `suggestion-${suggestion.guide.split('/').pop()}`;
  return (
    <li class="suggestion" aria-labelledby={headingId}>
      <h2 id={headingId}>{suggestion.displayName}</h2>
      <p class="score">{m('suggestions.score', { score: formatNumber(Math.round(suggestion.score)) })}</p>
      <ul class="reasons">
        {suggestion.reasons.map((item) => (
          <li key={item.criterion}>
            <span class="criterion">{criterionName(item.criterion)}</span>
            <span class="bar" aria-hidden="true">
              <span style={{ width: `${Math.round(reasonShare(item) * 100)}%` }} />
            </span>
            <span class="points">
              {m('suggestions.points', {
                points: formatNumber(Math.round(item.contribution * 10) / 10),
                max: CRITERION_MAX[item.criterion] ?? 100,
              })}
            </span>
            <span class="explanation">{explainReason(item)}</span>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={props.onAssign}>
          {m('suggestions.assign', { guide: suggestion.displayName })}
        </button>
        {!excluding && (
          <button type="button" class="secondary" onClick={() => setExcluding(true)}>
            {m('suggestions.knows', { guide: suggestion.displayName })}
          </button>
        )}
      </div>
      {excluding && (
        <form
          class="exclude"
          onSubmit={(event) => {
            event.preventDefault();
            void props.onExclude(reason.trim()).then(() => setExcluding(false));
          }}
        >
          <label for={`${headingId}-reason`}>{m('exclusions.reasonLabel', { guide: suggestion.displayName })}</label>
          <input id={`${headingId}-reason`} value={reason} maxLength={500} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          <div class="actions">
            <button type="submit" class="danger">
              {m('exclusions.add')}
            </button>
            <button type="button" class="secondary" onClick={() => setExcluding(false)}>
              {m('exclusions.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

export function Suggestions(props: { referral: string; onScheduleInitial: (client: string, assignment: string) => void }) {
  const data = useCall(async () => {
    const referral = await matching.getReferral({ name: props.referral });
    const client = await clientByName(referral.client);
    const open = referral.state === Referral_State.OPEN;
    const [suggestions, exclusions] = await Promise.all([
      open ? matching.suggestGuides({ referral: referral.name, maxResults: 10 }) : null,
      matching.listMatchExclusions({ parent: referral.client, pageSize: 500 }),
    ]);
    const guideNames = new Map<string, string>();
    await Promise.all(
      exclusions.matchExclusions.map(async (exclusion) => {
        const guide = await directory.getGuide({ name: exclusion.guide }).catch(() => null);
        guideNames.set(exclusion.guide, guide?.displayName ?? '');
      }),
    );
    return { referral, client, suggestions: suggestions?.suggestions ?? [], exclusions: exclusions.matchExclusions, guideNames };
  }, [props.referral]);
  const [asking, setAsking] = useState<GuideSuggestion | null>(null);
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);
  const [assigned, setAssigned] = useState<{ guide: string; assignment: string } | null>(null);
  const requestId = useMemo(() => crypto.randomUUID(), [asking?.guide]);
  const clientName = data.value?.client?.displayName ?? '';

  const assign = async (suggestion: GuideSuggestion) => {
    setAsking(null);
    try {
      const assignment = await matching.assignGuide({ referral: props.referral, guide: suggestion.guide, requestId });
      setAssigned({ guide: suggestion.displayName, assignment: assignment.name });
      setMessage(null);
    } catch (error) {
      setMessage({ text: wordRefusal(refusalFromError(error)), alert: true });
      data.reload();
    }
  };
  const exclude = async (suggestion: GuideSuggestion, reason: string) => {
    setMessage(await excludeGuide(data.value!.referral.client, suggestion.guide, suggestion.displayName, reason));
    data.reload();
  };

  return (
    <>
      <h1>{m('suggestions.title')}</h1>
      {data.value && <p class="lead">{m('suggestions.for', { client: clientName })}</p>}
      <div aria-live="polite">
        {message && (
          <p class={message.alert ? 'notice problem' : 'notice'} role={message.alert ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </div>
      {data.problem && <p role="alert">{data.problem}</p>}
      {!data.value && !data.problem && <p role="status">{t('app.loading')}</p>}
      {assigned && data.value && (
        <div class="notice" role="status">
          <p>{m('suggestions.assigned', { guide: assigned.guide })}</p>
          <button type="button" onClick={() => props.onScheduleInitial(data.value!.referral.client, assigned.assignment)}>
            {m('suggestions.scheduleInitial')}
          </button>
        </div>
      )}
      {data.value && !assigned && data.value.referral.state !== Referral_State.OPEN && <p>{m('suggestions.notOpen')}</p>}
      {data.value && !assigned && data.value.referral.state === Referral_State.OPEN && (
        <>
          {data.value.suggestions.length === 0 && <p>{m('suggestions.none')}</p>}
          <ol class="suggestions">
            {data.value.suggestions.map((suggestion) => (
              <SuggestionCard
                key={suggestion.guide}
                suggestion={suggestion}
                onAssign={() => setAsking(suggestion)}
                onExclude={(reason) => exclude(suggestion, reason)}
              />
            ))}
          </ol>
        </>
      )}
      {data.value && (
        <Exclusions
          client={data.value.referral.client}
          exclusions={data.value.exclusions}
          guideNames={data.value.guideNames}
          onChanged={(notice) => {
            setMessage(notice);
            data.reload();
          }}
        />
      )}
      {asking && (
        <Confirm
          message={m('suggestions.confirm', { guide: asking.displayName, client: clientName })}
          yes={m('suggestions.confirmYes')}
          no={m('suggestions.confirmNo')}
          onYes={() => void assign(asking)}
          onNo={() => setAsking(null)}
        />
      )}
    </>
  );
}
