// Recording a held meeting: the three parties (with why all three are needed at the initial and
// the closing meeting), support needs, goals with their five GAS levels, ratings, the closing of
// goals, the client's consent decision and a summary.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { useMemo, useState } from 'preact/hooks';
import { Rater } from '../../../gen/rinnalla/v1/common_pb';
import { Goal_State, Meeting_Kind, Participant_Role, type Goal, type Meeting } from '../../../gen/rinnalla/v1/meetings_pb';
import { session } from '../../../shared/auth/session';
import { meetings } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { t } from '../../../shared/i18n/i18n';
import { RadioGroup } from '../../../shared/ui/choices';
import { DateTimeField, localDateTime } from '../../../shared/ui/date-time-field';
import { Problems } from '../../../shared/ui/problems';
import { TextArea } from '../../../shared/ui/text-area';
import { GAS_SCORES, emptyGoal, gasLabel, type GoalDraft } from '../gas-rules';
import { presenceFrom, type Party } from '../meeting-parties';
import { SUMMARY_MAX, heldProblems, needsToSend, recordProblems } from '../meeting-rules';
import { m } from '../messages';
import { wordRefusal } from '../../shared/refusal-words';
import { goalStateName } from '../timeline-words';
import { GasGoalForm } from './gas-goal-form';
import { PartiesField, SupportNeedsField } from './meeting-fields';
import { raterName } from './goals-tab';

const RATERS = [Rater.CLIENT, Rater.GUIDE, Rater.SOCIAL_WORKER];

export function RecordMeeting(props: {
  client: string;
  meeting: Meeting;
  guide: string;
  guideName: string;
  agreedGoals: Goal[];
  onRecorded: () => void;
}) {
  const { meeting } = props;
  const kind = meeting.kind;
  // Held when it was booked for, unless that is still ahead (then now).
  const [held, setHeld] = useState<string | null>(() => {
    const scheduled = meeting.scheduledTime ? Number(meeting.scheduledTime.seconds) * 1000 : Date.now();
    return localDateTime(new Date(Math.min(scheduled, Date.now())));
  });
  const [present, setPresent] = useState<Party[]>([]);
  const [needs, setNeeds] = useState<{ area: number; description: string }[]>([]);
  const [goals, setGoals] = useState<GoalDraft[]>(kind === Meeting_Kind.INITIAL ? [emptyGoal()] : []);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [closings, setClosings] = useState<Record<string, Goal_State>>({});
  const [endAssignment, setEndAssignment] = useState(kind === Meeting_Kind.CLOSING);
  const [consent, setConsent] = useState<'yes' | 'no' | 'notAsked'>('notAsked');
  const [summary, setSummary] = useState('');
  const [goalAdded, setGoalAdded] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const requestId = useMemo(() => crypto.randomUUID(), []);

  const save = async (event: Event) => {
    event.preventDefault();
    const presence = presenceFrom(present);
    const found = [...heldProblems(held), ...recordProblems(kind, presence, goals, needs, summary)];
    setProblems(found);
    if (found.length > 0 || !held) return;
    setSending(true);
    try {
      await meetings.recordMeetingOutcome({
        name: meeting.name,
        requestId,
        heldTime: timestampFromDate(new Date(held)),
        participants: [
          { role: Participant_Role.CLIENT, present: presence.client },
          { role: Participant_Role.SOCIAL_WORKER, identity: session()!.sub, present: presence.socialWorker },
          { role: Participant_Role.GUIDE, identity: props.guide, present: presence.guide },
        ],
        supportNeeds: needsToSend(needs),
        agreedGoals: goals.map((goal) => ({ title: goal.title.trim(), area: goal.area, gasLevels: goal.levels.map((level) => level.trim()) })),
        goalRatings: Object.entries(ratings).map(([key, score]) => {
          const [goal, rater] = key.split('|');
          return { goal: goal!, ratedBy: Number(rater) as Rater, score };
        }),
        goalClosings: Object.entries(closings).map(([goal, finalState]) => ({ goal, finalState })),
        endAssignment: kind === Meeting_Kind.CLOSING && endAssignment,
        ...(consent === 'notAsked' ? {} : { consent: consent === 'yes' }),
        summary: summary.trim(),
      });
      props.onRecorded();
    } catch (error) {
      setProblems([wordRefusal(refusalFromError(error))]);
    } finally {
      setSending(false);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <h2>{m('record.title')}</h2>
      <Problems problems={problems} />
      <DateTimeField id="held-time" legend={m('record.held')} value={held ?? ''} onChange={setHeld} />
      <PartiesField kind={kind} guideName={props.guideName} value={present} onChange={setPresent} />
      <SupportNeedsField id="need" value={needs} onChange={setNeeds} />
      {kind !== Meeting_Kind.CLOSING && (
        <section aria-labelledby="goals-title">
          <h3 id="goals-title">{m('record.goals')}</h3>
          {goals.map((goal, index) => (
            <GasGoalForm
              key={index}
              n={index + 1}
              goal={goal}
              focusFirst={goalAdded && index === goals.length - 1}
              onChange={(next) => setGoals(goals.map((old, i) => (i === index ? next : old)))}
              onRemove={() => setGoals(goals.filter((_, i) => i !== index))}
            />
          ))}
          <button type="button" class="secondary" onClick={() => {
            setGoalAdded(true);
            setGoals([...goals, emptyGoal()]);
          }}>
            {m('record.addGoal')}
          </button>
        </section>
      )}
      {props.agreedGoals.length > 0 && kind !== Meeting_Kind.INITIAL && (
        <section class="fit-words" aria-labelledby="ratings-title">
          <h3 id="ratings-title">{m('record.ratings')}</h3>
          {props.agreedGoals.map((goal) =>
            RATERS.map((rater) => {
              const key = `${goal.name}|${rater}`;
              return (
                <RadioGroup<number>
                  key={key}
                  compact
                  legend={m('record.ratingBy', { rater: raterName(rater), goal: goal.title })}
                  options={[
                    { value: 99, label: m('record.notRated') },
                    ...GAS_SCORES.map((score) => ({ value: score, label: gasLabel(score), detail: goal.gasLevels[score + 2] ?? '' })),
                  ]}
                  value={ratings[key] ?? 99}
                  onChange={(score) => {
                    const next = { ...ratings };
                    if (score === 99) delete next[key];
                    else next[key] = score;
                    setRatings(next);
                  }}
                />
              );
            }),
          )}
        </section>
      )}
      {kind === Meeting_Kind.CLOSING && props.agreedGoals.length > 0 && (
        <section class="fit-words" aria-labelledby="closings-title">
          <h3 id="closings-title">{m('record.closings')}</h3>
          {props.agreedGoals.map((goal) => (
            <RadioGroup<Goal_State>
              key={goal.name}
              compact
              legend={goal.title}
              options={[Goal_State.ACHIEVED, Goal_State.NOT_ACHIEVED, Goal_State.DROPPED].map((value) => ({ value, label: goalStateName(value) }))}
              value={closings[goal.name] ?? null}
              onChange={(state) => setClosings({ ...closings, [goal.name]: state })}
            />
          ))}
        </section>
      )}
      {kind === Meeting_Kind.CLOSING && (
        <label class="option">
          <input type="checkbox" checked={endAssignment} onChange={(e) => setEndAssignment((e.target as HTMLInputElement).checked)} />
          <span class="option-text">{m('record.endAssignment')}</span>
        </label>
      )}
      <RadioGroup<'yes' | 'no' | 'notAsked'>
        legend={m('record.consent')}
        options={[
          { value: 'yes', label: m('record.consentYes') },
          { value: 'no', label: m('record.consentNo') },
          { value: 'notAsked', label: m('record.consentNotAsked') },
        ]}
        value={consent}
        onChange={setConsent}
      />
      <TextArea label={m('record.summary')} value={summary} max={SUMMARY_MAX} rows={3} onInput={setSummary} />
      <button type="submit" disabled={sending}>
        {sending ? t('status.sending') : m('record.save')}
      </button>
    </form>
  );
}
