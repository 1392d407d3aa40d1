// The progress notes on the client, newest first; staff-only ones marked.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ProgressNote_AuthorRole, ProgressNote_Visibility } from '../../../gen/rinnalla/v1/notes_pb';
import { notes } from '../../../shared/api/clients';
import { formatDateTime } from '../../../shared/i18n/i18n';
import { m } from '../messages';
import { coded } from '../timeline-words';
import { usePages } from '../use-pages';
import { MoreButton } from './more-button';

export function NotesTab({ client }: { client: string }) {
  const pages = usePages(async (pageToken) => {
    const page = await notes.listProgressNotes({ parent: client, pageSize: 50, pageToken });
    return { items: page.notes, next: page.nextPageToken };
  }, [client]);
  if (pages.items.length === 0 && !pages.hasMore && !pages.problem) return <p>{m('notes.none')}</p>;
  return (
    <>
    <ul class="entries">
      {pages.items.map((note) => {
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
    <MoreButton pages={pages} label={m('list.more')} end={m('list.end')} />
    </>
  );
}
