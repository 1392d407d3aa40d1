// A joint meeting: its record form while it is booked; once held, the record, every revision and
// amending with a reason.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Goal_State, Meeting_State } from '../../../gen/rinnalla/v1/meetings_pb';
import { directory, matching, meetings } from '../../../shared/api/clients';
import { formatDateTime, t } from '../../../shared/i18n/i18n';
import { m } from '../messages';
import { coded, meetingKindName } from '../timeline-words';
import { useCall } from '../../shared/use-call';
import { MeetingOutcomeView } from './meeting-outcome';
import { RecordMeeting } from './record-meeting';

export function MeetingScreen(props: { client: string; meeting: string }) {
  const data = useCall(async () => {
    const meeting = await meetings.getMeeting({ name: props.meeting });
    const assignment = await matching.getAssignment({ name: meeting.assignment });
    const guide = await directory.getGuide({ name: assignment.guide }).catch(() => null);
    const goals = await meetings.listGoals({ parent: props.client, filter: `assignment = "${assignment.name}"`, pageSize: 500 });
    return { meeting, assignment, guideName: guide?.displayName ?? '', goals: goals.goals };
  }, [props.meeting]);
  if (data.problem) return <p role="alert">{data.problem}</p>;
  if (!data.value) return <p role="status">{t('app.loading')}</p>;
  const { meeting } = data.value;
  const time = meeting.scheduledTime ? formatDateTime(timestampDate(meeting.scheduledTime)) : '';
  return (
    <>
      <h1>{m('meeting.title', { kind: meetingKindName(meeting.kind), time })}</h1>
      <p>
        {m('meeting.place', { place: meeting.place })} · {m('meeting.state', { state: coded('meetingState', Meeting_State[meeting.state]) })}
      </p>
      {meeting.state === Meeting_State.SCHEDULED && (
        <RecordMeeting
          client={props.client}
          meeting={meeting}
          guide={data.value.assignment.guide}
          guideName={data.value.guideName}
          agreedGoals={data.value.goals.filter((goal) => goal.state === Goal_State.AGREED)}
          onRecorded={data.reload}
        />
      )}
      {meeting.state === Meeting_State.HELD && meeting.outcome && (
        <MeetingOutcomeView
          meeting={meeting}
          guide={data.value.assignment.guide}
          guideName={data.value.guideName}
          agreedHere={data.value.goals.filter((goal) => goal.agreedMeeting === meeting.name)}
          onAmended={data.reload}
        />
      )}
    </>
  );
}
