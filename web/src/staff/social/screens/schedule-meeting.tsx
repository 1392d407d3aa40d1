// Booking a joint meeting of the client's current guidance.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { useMemo, useState } from 'preact/hooks';
import { Meeting_Kind } from '../../../gen/rinnalla/v1/meetings_pb';
import { meetings } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { t } from '../../../shared/i18n/i18n';
import { RadioGroup } from '../../../shared/ui/choices';
import { Problems } from '../../../shared/ui/problems';
import { clientByName } from '../client-search';
import { guidanceOf } from '../guidance';
import { m } from '../messages';
import { wordRefusal } from '../refusal-words';
import { meetingKindName } from '../timeline-words';
import { useCall } from '../use-call';

/** Tomorrow at 10:00, local time, as a datetime-local value: a first suggestion to change. */
function tomorrowAtTen(): string {
  const date = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T10:00`;
}

export function ScheduleMeeting(props: { client: string; assignment?: string | undefined; onBooked: (meeting: string) => void }) {
  const data = useCall(async () => ({ client: await clientByName(props.client), guidance: await guidanceOf(props.client) }), [props.client]);
  const [kind, setKind] = useState<Meeting_Kind>(Meeting_Kind.INITIAL);
  const [when, setWhen] = useState(tomorrowAtTen);
  const [place, setPlace] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const requestId = useMemo(() => crypto.randomUUID(), []);
  const assignment = props.assignment ?? data.value?.guidance.current?.name;

  const save = async (event: Event) => {
    event.preventDefault();
    const found = [...(when ? [] : [m('schedule.needWhen')]), ...(place.trim() ? [] : [m('schedule.needPlace')])];
    setProblems(found);
    if (found.length > 0 || !assignment) return;
    try {
      const meeting = await meetings.createMeeting({
        parent: props.client,
        requestId,
        meeting: { assignment, kind, scheduledTime: timestampFromDate(new Date(when)), place: place.trim() },
      });
      props.onBooked(meeting.name);
    } catch (error) {
      setProblems([wordRefusal(refusalFromError(error))]);
    }
  };
  if (data.problem) return <p role="alert">{data.problem}</p>;
  if (!data.value) return <p role="status">{t('app.loading')}</p>;
  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <h1>{m('schedule.title')}</h1>
      <p class="lead">{data.value.client?.displayName}</p>
      {!assignment && <p role="alert">{m('schedule.noGuidance')}</p>}
      <Problems problems={problems} />
      <RadioGroup
        legend={m('schedule.kind')}
        options={[Meeting_Kind.INITIAL, Meeting_Kind.REVIEW, Meeting_Kind.CLOSING].map((value) => ({ value, label: meetingKindName(value) }))}
        value={kind}
        onChange={setKind}
        compact
      />
      <div class="field">
        <label for="meeting-when">{m('schedule.when')}</label>
        <input id="meeting-when" type="datetime-local" value={when} onInput={(e) => setWhen((e.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="meeting-place">{m('schedule.place')}</label>
        <input id="meeting-place" maxLength={200} value={place} onInput={(e) => setPlace((e.target as HTMLInputElement).value)} />
      </div>
      <button type="submit" disabled={!assignment}>
        {m('schedule.save')}
      </button>
    </form>
  );
}
