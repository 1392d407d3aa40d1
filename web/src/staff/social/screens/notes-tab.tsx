// The progress notes on the client, newest first; staff-only ones marked.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ProgressNote_AuthorRole, ProgressNote_Visibility } from '../../../gen/rinnalla/v1/notes_pb';
import { notes } from '../../../shared/api/clients';
import { formatDateTime, t } from '../../../shared/i18n/i18n';
import { m } from '../messages';
import { coded } from '../timeline-words';
import { useCall } from '../use-call';

export function NotesTab({ client }: { client: string }) {
  const data = useCall(() => notes.listProgressNotes({ parent: client, pageSize: 500 }), [client]);
  if (data.problem) return <p role="alert">{data.problem}</p>;
  if (!data.value) return <p role="status">{t('app.loading')}</p>;
  if (data.value.notes.length === 0) return <p>{m('notes.none')}</p>;
  return (
    <ul class="entries">
      {data.value.notes.map((note) => {
        const staffOnly = note.visibility === ProgressNote_Visibility.STAFF_ONLY;
        return (
          <li key={note.name} class={staffOnly ? 'staff-only' : undefined}>
            <strong>
              {note.createTime ? formatDateTime(timestampDate(note.createTime)) : ''} ·{' '}
              {coded('author', ProgressNote_AuthorRole[note.authorRole])}
            </strong>{' '}
            <span class={staffOnly ? 'tag staff-only' : 'tag'}>{m(staffOnly ? 'notes.staffOnly' : 'notes.shared')}</span>
            {note.corrects && <p>{m('notes.corrects')}</p>}
            <p>{note.textWithheld ? m('visits.withheld') : note.text}</p>
          </li>
        );
      })}
    </ul>
  );
}
