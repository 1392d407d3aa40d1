// A held meeting's record: who was present, the support needs and the summary; every revision,
// and amending the record with a reason (the earlier revisions stay).
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { useState } from 'preact/hooks';
import { Participant_Role, type Goal, type Meeting, type MeetingOutcome } from '../../../gen/rinnalla/v1/meetings_pb';
import { meetings } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { formatDateTime, t } from '../../../shared/i18n/i18n';
import { Problems } from '../../../shared/ui/problems';
import { TextArea } from '../../../shared/ui/text-area';
import { m } from '../messages';
import { areaName, listInWords } from '../reason-words';
import { wordRefusal } from '../refusal-words';
import { GAS_SCORES, gasLabel } from '../gas-rules';
import { useCall } from '../use-call';

function partyName(role: Participant_Role, guideName: string): string {
  if (role === Participant_Role.CLIENT) return m('party.CLIENT');
  if (role === Participant_Role.SOCIAL_WORKER) return m('referrals.socialWorker');
  if (role === Participant_Role.GUIDE) return guideName;
  return '';
}

function Outcome({ outcome, guideName }: { outcome: MeetingOutcome; guideName: string }) {
  const present = outcome.participants.filter((p) => p.present).map((p) => p.displayName || partyName(p.role, guideName));
  return (
    <>
      <p>
        {m('outcome.revision', {
          revision: outcome.revision,
          time: outcome.recordTime ? formatDateTime(timestampDate(outcome.recordTime)) : '',
        })}
      </p>
      {outcome.amendReason && <p>{m('outcome.amendReason', { reason: outcome.amendReason })}</p>}
      <p>{m('outcome.present', { parties: listInWords(present) })}</p>
      {outcome.supportNeeds.length > 0 && (
        <ul>
          {outcome.supportNeeds.map((need, index) => (
            <li key={index}>
              <strong>{areaName(need.area)}</strong>: {need.description}
            </li>
          ))}
        </ul>
      )}
      {outcome.summary && <p>{outcome.summary}</p>}
    </>
  );
}

export function MeetingOutcomeView(props: { meeting: Meeting; guideName: string; agreedHere: Goal[]; onAmended: () => void }) {
  const { meeting } = props;
  const revisions = useCall(() => meetings.listMeetingOutcomeRevisions({ name: meeting.name }), [meeting.name, meeting.etag]);
  const [summary, setSummary] = useState(meeting.outcome?.summary ?? '');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  const amend = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    if (!reason.trim()) {
      setProblems([m('amend.needReason')]);
      return;
    }
    setProblems([]);
    try {
      await meetings.amendMeetingOutcome({
        name: meeting.name,
        etag: meeting.etag,
        reason: reason.trim(),
        outcome: { ...meeting.outcome!, summary: summary.trim() },
      });
      setSaved(true);
      setReason('');
      props.onAmended();
    } catch (error) {
      setProblems([wordRefusal(refusalFromError(error))]);
    }
  };

  return (
    <>
      <section aria-labelledby="outcome-title">
        <h2 id="outcome-title">{m('outcome.title')}</h2>
        <Outcome outcome={meeting.outcome!} guideName={props.guideName} />
        {props.agreedHere.length > 0 && (
          <>
            <h3>{m('outcome.goals')}</h3>
            <ul class="goal-list">
              {props.agreedHere.map((goal) => (
                <li key={goal.name}>
                  <strong>{goal.title}</strong>
                  <ol class="gas-levels">
                    {GAS_SCORES.map((score, index) => (
                      <li key={score}>
                        {gasLabel(score)}: {goal.gasLevels[index]}
                      </li>
                    ))}
                  </ol>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <form onSubmit={(event) => void amend(event)} noValidate aria-labelledby="amend-title">
        <h2 id="amend-title">{m('amend.title')}</h2>
        <Problems problems={problems} />
        {saved && <p role="status">{m('amend.saved')}</p>}
        <TextArea label={m('record.summary')} value={summary} max={4000} rows={3} onInput={setSummary} />
        <div class="field">
          <label for="amend-reason">{m('amend.reason')}</label>
          <input id="amend-reason" maxLength={1000} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit">{m('amend.save')}</button>
      </form>
      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title">{m('outcome.revisions')}</h2>
        {revisions.problem && <p role="alert">{revisions.problem}</p>}
        {!revisions.value && !revisions.problem && <p role="status">{t('app.loading')}</p>}
        <ol class="revisions">
          {revisions.value?.outcomes.map((outcome) => (
            <li key={outcome.revision}>
              <Outcome outcome={outcome} guideName={props.guideName} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
