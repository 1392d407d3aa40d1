// The client's timeline, newest first, in keyset pages loaded as the list scrolls into view (and
// by a button, for the keyboard). The first page drawn is marked for the tests' timing.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TimelineEntry } from '../../../gen/rinnalla/v1/notes_pb';
import { notes } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { formatDateTime, t } from '../../../shared/i18n/i18n';
import { m } from '../messages';
import { wordRefusal } from '../refusal-words';
import { actorName, entryDetails, wordEntry } from '../timeline-words';

const PAGE = 50;

export function TimelineTab({ client }: { client: string }) {
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [next, setNext] = useState<string | null>('');
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState('');
  const sentinel = useRef<HTMLDivElement>(null);
  const busy = useRef(false);

  const loadMore = async () => {
    if (busy.current || next === null) return;
    busy.current = true;
    setLoading(true);
    try {
      const page = await notes.getClientTimeline({ client, pageSize: PAGE, pageToken: next });
      setEntries((current) => [...current, ...page.entries]);
      setNext(page.nextPageToken || null);
      setProblem('');
    } catch (error) {
      setProblem(wordRefusal(refusalFromError(error)));
    } finally {
      busy.current = false;
      setLoading(false);
    }
  };

  useEffect(() => {
    void loadMore();
  }, [client]);
  useEffect(() => {
    if (entries.length > 0 && performance.getEntriesByName('rinnalla-timeline-first-page').length === 0) {
      performance.mark('rinnalla-timeline-first-page');
    }
  }, [entries.length > 0]);
  useEffect(() => {
    const target = sentinel.current;
    if (!target || next === null) return;
    const observer = new IntersectionObserver((seen) => seen.some((item) => item.isIntersecting) && void loadMore());
    observer.observe(target);
    return () => observer.disconnect();
  }, [next, entries.length]);

  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{m('timeline.title')}</h2>
      {problem && <p role="alert">{problem}</p>}
      {entries.length === 0 && !loading && !problem && next === null && <p>{m('timeline.empty')}</p>}
      <ol class="timeline">
        {entries.map((entry) => (
          <li key={`${entry.resource}/${entry.kind}/${entry.time?.seconds}`}>
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
      <p class="muted" role="status">
        {loading ? t('app.loading') : m('timeline.count', { count: entries.length })}
      </p>
      <div ref={sentinel}>
        {next !== null ? (
          <button type="button" class="secondary" disabled={loading} onClick={() => void loadMore()}>
            {m('timeline.more')}
          </button>
        ) : (
          entries.length > 0 && <p>{m('timeline.end')}</p>
        )}
      </div>
    </section>
  );
}
