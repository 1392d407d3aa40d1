// The client's timeline, newest first, in keyset pages loaded as the list scrolls into view (and
// by a button, for the keyboard). The first page drawn is marked for the tests' timing.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { useEffect } from 'preact/hooks';
import { notes } from '../../../shared/api/clients';
import { formatDateTime } from '../../../shared/i18n/i18n';
import { m } from '../messages';
import { actorName, entryDetails, wordEntry } from '../timeline-words';
import { usePages } from '../use-pages';
import { MoreButton } from './more-button';

const PAGE = 50;

export function TimelineTab({ client }: { client: string }) {
  const pages = usePages(async (pageToken) => {
    const page = await notes.getClientTimeline({ client, pageSize: PAGE, pageToken });
    return { items: page.entries, next: page.nextPageToken };
  }, [client]);
  useEffect(() => {
    if (pages.items.length > 0 && performance.getEntriesByName('rinnalla-timeline-first-page').length === 0) {
      performance.mark('rinnalla-timeline-first-page');
    }
  }, [pages.items.length > 0]);

  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{m('timeline.title')}</h2>
      {pages.items.length === 0 && !pages.loading && !pages.problem && !pages.hasMore && <p>{m('timeline.empty')}</p>}
      <ol class="timeline">
        {pages.items.map((entry) => (
          <li key={`${entry.resource}/${entry.kind}/${entry.time?.seconds}/${entry.time?.nanos}`}>
            <span class="when">{entry.time ? formatDateTime(timestampDate(entry.time)) : ''}</span>
            <span class="who">{actorName(entry)}</span>
            <span class="what">{wordEntry(entry)}</span>
            {entryDetails(entry).map((detail) => (
              <span class="detail" key={detail}>
                {detail}
              </span>
            ))}
          </li>
        ))}
      </ol>
      <MoreButton pages={pages} label={m('timeline.more')} end={m('timeline.end')} />
    </section>
  );
}
