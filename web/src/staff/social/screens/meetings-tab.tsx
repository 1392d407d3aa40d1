// The client's joint meetings, in order of their time.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Meeting_State } from '../../../gen/rinnalla/v1/meetings_pb';
import { meetings } from '../../../shared/api/clients';
import { formatDateTime, t } from '../../../shared/i18n/i18n';
import { m } from '../messages';
import { coded, meetingKindName } from '../timeline-words';
import { useCall } from '../../shared/use-call';

// A meeting is booked on the client's current guidance: without one, the tab says so instead
// (nothing is offered while that is not yet known).
export function MeetingsTab(props: { client: string; guided?: boolean; onOpen: (meeting: string) => void; onSchedule: () => void }) {
  const { client } = props;
  const data = useCall(() => meetings.listMeetings({ parent: client, pageSize: 500 }), [client]);
  if (data.problem) return <p role="alert">{data.problem}</p>;
  if (!data.value) return <p role="status">{t('app.loading')}</p>;
  let schedule = null;
  if (props.guided === true) {
    schedule = (
      <button type="button" onClick={props.onSchedule}>
        {m('meetings.schedule')}
      </button>
    );
  } else if (props.guided === false) {
    schedule = <p>{m('schedule.noGuidance')}</p>;
  }
  if (data.value.meetings.length === 0) {
    return (
      <>
        <p>{m('meetings.none')}</p>
        {schedule}
      </>
    );
  }
  return (
    <>
    {schedule}
    <ul class="entries">
      {data.value.meetings.map((meeting) => (
        <li key={meeting.name}>
          <button type="button" class="link" onClick={() => props.onOpen(meeting.name)}>
            {m('meeting.open', {
              kind: meetingKindName(meeting.kind),
              time: meeting.scheduledTime ? formatDateTime(timestampDate(meeting.scheduledTime)) : '',
            })}
          </button>{' '}
          · {coded('meetingState', Meeting_State[meeting.state])} · {meeting.place}
        </li>
      ))}
    </ul>
    </>
  );
}
