// The guide's visits with the client: each with its revision and the staff's correction notes;
// earlier revisions on request.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { useState } from 'preact/hooks';
import { ServicePlace } from '../../../gen/rinnalla/v1/common_pb';
import type { Visit } from '../../../gen/rinnalla/v1/visits_pb';
import { visits } from '../../../shared/api/clients';
import { codeName, formatDateTime, t } from '../../../shared/i18n/i18n';
import { m } from '../messages';
import { listInWords } from '../reason-words';
import { visitModeName } from '../timeline-words';
import { useCall } from '../use-call';
import { usePages } from '../use-pages';
import { MoreButton } from './more-button';

function VisitText({ visit }: { visit: Visit }) {
  const mode = visitModeName(visit.mode);
  const places = listInWords(visit.places.map((place) => codeName('place', ServicePlace[place] ?? '')));
  return (
    <>
      <strong>
        {visit.startTime ? formatDateTime(timestampDate(visit.startTime)) : ''} · {visit.durationMinutes} min · {mode}
        {places && ` · ${places}`}
      </strong>
      <p>{visit.summaryWithheld ? m('visits.withheld') : visit.summary}</p>
    </>
  );
}

function Revisions({ visit }: { visit: string }) {
  const data = useCall(() => visits.listVisitRevisions({ name: visit }), [visit]);
  if (data.problem) return <p role="alert">{data.problem}</p>;
  if (!data.value) return <p role="status">{t('app.loading')}</p>;
  return (
    <ol class="revisions">
      {data.value.revisions.map((revision, index) => (
        <li key={index}>
          <h4>{m('visits.revisionTitle', { revision: revision.visit?.revision ?? index + 1 })}</h4>
          {revision.reason && <p>{m('visits.amendReason', { reason: revision.reason })}</p>}
          {revision.visit && <VisitText visit={revision.visit} />}
        </li>
      ))}
    </ol>
  );
}

export function VisitsTab({ client }: { client: string }) {
  const pages = usePages(async (pageToken) => {
    const page = await visits.listVisits({ parent: client, pageSize: 50, pageToken });
    return { items: page.visits, next: page.nextPageToken };
  }, [client]);
  const [open, setOpen] = useState<string | null>(null);
  if (pages.items.length === 0 && !pages.hasMore && !pages.problem) return <p>{m('visits.none')}</p>;
  return (
    <>
      <ul class="entries">
        {pages.items.map((visit) => (
          <li key={visit.name}>
            <VisitText visit={visit} />
            {visit.revision > 1 && (
              <>
                <p>{m('visits.revision', { revision: visit.revision })}</p>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={open === visit.name}
                  onClick={() => setOpen(open === visit.name ? null : visit.name)}
                >
                  {m('visits.revisions')}
                </button>
                {open === visit.name && <Revisions visit={visit.name} />}
              </>
            )}
            {visit.correctionNotes.length > 0 && (
              <>
                <h3>{m('visits.corrections')}</h3>
                <ul>
                  {visit.correctionNotes.map((note) => (
                    <li key={note.name}>
                      {note.createTime ? `${formatDateTime(timestampDate(note.createTime))}: ` : ''}
                      {note.text}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ul>
      <MoreButton pages={pages} label={m('list.more')} end={m('list.end')} />
    </>
  );
}
