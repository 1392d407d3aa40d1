// A held meeting's record: when it was held, who was present, the support needs and the summary;
// amending it with a reason; and every revision, oldest first, each amendment with its reason and
// what it changed.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Participant_Role, type Goal, type Meeting, type MeetingOutcome } from '../../../gen/rinnalla/v1/meetings_pb';
import { meetings } from '../../../shared/api/clients';
import { formatDateTime, t } from '../../../shared/i18n/i18n';
import { GAS_SCORES, gasLabel } from '../gas-rules';
import { PARTIES, presenceOf } from '../meeting-parties';
import { m } from '../messages';
import { outcomeChanges, partyName, wordChange } from '../outcome-changes';
import { areaName, listInWords } from '../reason-words';
import { useCall } from '../../shared/use-call';
import { AmendMeeting } from './amend-meeting';

function Outcome({ outcome, guideName }: { outcome: MeetingOutcome; guideName: string }) {
  const presence = presenceOf(outcome.participants);
  const others = outcome.participants.filter((p) => p.role === Participant_Role.OTHER && p.present).map((p) => p.displayName);
  const present = [...PARTIES.filter((party) => presence[party]).map((party) => partyName(party, guideName)), ...others];
  return (
    <>
      {outcome.heldTime && <p>{m('outcome.held', { time: formatDateTime(timestampDate(outcome.heldTime)) })}</p>}
      <p>{present.length > 0 ? m('outcome.present', { parties: listInWords(present) }) : m('outcome.nobodyPresent')}</p>
      {outcome.supportNeeds.length > 0 && (
        <>
          <p>{m('outcome.needs')}</p>
          <ul>
            {outcome.supportNeeds.map((need, index) => (
              <li key={index}>
                <strong>{areaName(need.area)}</strong>: {need.description}
              </li>
            ))}
          </ul>
        </>
      )}
      {outcome.summary && <p class="summary">{outcome.summary}</p>}
    </>
  );
}

function recordedLine(outcome: MeetingOutcome): string {
  return m('outcome.revision', {
    revision: outcome.revision,
    time: outcome.recordTime ? formatDateTime(timestampDate(outcome.recordTime)) : '',
  });
}

function Revisions({ meeting, guideName }: { meeting: Meeting; guideName: string }) {
  const revisions = useCall(() => meetings.listMeetingOutcomeRevisions({ name: meeting.name }), [meeting.name, meeting.etag]);
  if (revisions.problem) return <p role="alert">{revisions.problem}</p>;
  if (!revisions.value) return <p role="status">{t('app.loading')}</p>;
  const outcomes = revisions.value.outcomes;
  return (
    <ol class="revisions">
      {outcomes.map((outcome, index) => {
        const changes = index > 0 ? outcomeChanges(outcomes[index - 1]!, outcome) : [];
        return (
          <li key={outcome.revision}>
            <h3>{recordedLine(outcome)}</h3>
            {outcome.amendReason && <p>{m('outcome.amendReason', { reason: outcome.amendReason })}</p>}
            {index > 0 && (
              <div class="changes">
                <p>{changes.length > 0 ? m('outcome.changed') : m('outcome.unchanged')}</p>
                {changes.length > 0 && (
                  <ul>
                    {changes.map((change, i) => (
                      <li key={i}>{wordChange(change, guideName)}</li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            <Outcome outcome={outcome} guideName={guideName} />
          </li>
        );
      })}
    </ol>
  );
}

export function MeetingOutcomeView(props: { meeting: Meeting; guide: string; guideName: string; agreedHere: Goal[]; onAmended: () => void }) {
  const { meeting } = props;
  const outcome = meeting.outcome!;
  const [saved, setSaved] = useState(false);
  // The form starts again after an amendment: the focus goes to the notice that it was saved.
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (saved) notice.current?.focus();
  }, [saved, meeting.etag]);
  return (
    <>
      <section aria-labelledby="outcome-title">
        <h2 id="outcome-title">{m('outcome.title')}</h2>
        <p>{recordedLine(outcome)}</p>
        {outcome.amendReason && <p>{m('outcome.amendReason', { reason: outcome.amendReason })}</p>}
        <Outcome outcome={outcome} guideName={props.guideName} />
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
      {saved && (
        <p id="amend-saved" class="notice" role="status" tabIndex={-1} ref={notice}>
          {m('amend.saved')}
        </p>
      )}
      {/* Keyed by the meeting's etag: after an amendment the form starts again from the record as stored. */}
      <AmendMeeting
        key={meeting.etag}
        meeting={meeting}
        guide={props.guide}
        guideName={props.guideName}
        onTry={() => setSaved(false)}
        onAmended={() => {
          setSaved(true);
          props.onAmended();
        }}
      />
      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title">{m('outcome.revisions')}</h2>
        <Revisions meeting={meeting} guideName={props.guideName} />
      </section>
    </>
  );
}
