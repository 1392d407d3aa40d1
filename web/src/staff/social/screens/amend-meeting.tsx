// Amending a held meeting's record: when it was held, who was present (the three parties'
// checklist, as when recording), the support needs and the summary, each prefilled with the record
// as it stands, and the reason required. The server keeps the earlier revisions.
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { useState } from 'preact/hooks';
import type { Meeting } from '../../../gen/rinnalla/v1/meetings_pb';
import { meetings } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { session } from '../../../shared/auth/session';
import { t } from '../../../shared/i18n/i18n';
import { DateTimeField, localDateTime } from '../../../shared/ui/date-time-field';
import { Problems } from '../../../shared/ui/problems';
import { TextArea } from '../../../shared/ui/text-area';
import { wordRefusal } from '../../shared/refusal-words';
import { participantsWith, presenceFrom, presenceOf, presentParties, type Party } from '../meeting-parties';
import { SUMMARY_MAX, amendProblems, needsToSend, type NeedDraft } from '../meeting-rules';
import { m } from '../messages';
import { PartiesField, SupportNeedsField } from './meeting-fields';

export function AmendMeeting(props: { meeting: Meeting; guide: string; guideName: string; onTry: () => void; onAmended: () => void }) {
  const { meeting } = props;
  const outcome = meeting.outcome!;
  // The day and time as the field writes them; the recorded moment is sent back as it was (to the
  // second) unless the text is changed.
  const heldAsRecorded = outcome.heldTime ? localDateTime(timestampDate(outcome.heldTime)) : '';
  const [held, setHeld] = useState<string | null>(heldAsRecorded);
  const [present, setPresent] = useState<Party[]>(() => presentParties(presenceOf(outcome.participants)));
  const [needs, setNeeds] = useState<NeedDraft[]>(() => outcome.supportNeeds.map((need) => ({ area: need.area, description: need.description })));
  const [summary, setSummary] = useState(outcome.summary);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);

  const amend = async (event: Event) => {
    event.preventDefault();
    props.onTry();
    const presence = presenceFrom(present);
    const found = amendProblems(meeting.kind, { held, presence, needs, summary, reason });
    setProblems(found);
    if (found.length > 0 || !held) return;
    setSending(true);
    try {
      await meetings.amendMeetingOutcome({
        name: meeting.name,
        etag: meeting.etag,
        reason: reason.trim(),
        outcome: {
          heldTime: held === heldAsRecorded ? outcome.heldTime : timestampFromDate(new Date(held)),
          participants: participantsWith(outcome.participants, presence, { socialWorker: session()!.sub, guide: props.guide }),
          supportNeeds: needsToSend(needs),
          summary: summary.trim(),
        },
      });
      props.onAmended();
    } catch (error) {
      setProblems([m('amend.refused', { why: wordRefusal(refusalFromError(error)) })]);
    } finally {
      setSending(false);
    }
  };

  return (
    <form onSubmit={(event) => void amend(event)} noValidate aria-labelledby="amend-title">
      <h2 id="amend-title">{m('amend.title')}</h2>
      <p>{m('amend.intro')}</p>
      <Problems problems={problems} />
      <DateTimeField id="amend-held" legend={m('record.held')} value={held ?? ''} onChange={setHeld} />
      <PartiesField kind={meeting.kind} guideName={props.guideName} value={present} onChange={setPresent} />
      <SupportNeedsField id="amend-need" value={needs} onChange={setNeeds} />
      <TextArea label={m('record.summary')} value={summary} max={SUMMARY_MAX} rows={3} onInput={setSummary} />
      <div class="field">
        <label for="amend-reason">{m('amend.reason')}</label>
        <input id="amend-reason" maxLength={1000} required value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </div>
      <button type="submit" disabled={sending}>
        {sending ? t('status.sending') : m('amend.save')}
      </button>
    </form>
  );
}
