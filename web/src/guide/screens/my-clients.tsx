// My clients: each client with an ACTIVE or PAUSED assignment, the next meeting, the last visit
// and how many of the guide's visits and notes for them are not yet sent.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { useEffect } from 'preact/hooks';
import { Assignment_State } from '../../gen/rinnalla/v1/matching_pb';
import { formatDateTime, t } from '../../shared/i18n/i18n';
import { navigate } from '../../shared/router';
import { useChanges, useLive } from '../../shared/ui/use-live';
import { isSyncing, onSyncChange } from '../sync/sync';
import { cachedClients, onClientsChange, type ClientRecord } from '../store/client-cache';
import { onOutboxChange, unsentItems, type OutboxItem } from '../store/outbox';
import type { GuideRoute } from '../routes';

export function lastVisitTime(record: ClientRecord, unsent: OutboxItem[]): Date | null {
  const times = [
    ...record.visits.flatMap((visit) => (visit.startTime ? [timestampDate(visit.startTime)] : [])),
    ...unsent.flatMap((item) =>
      item.draft.kind === 'visit' && item.draft.client === record.name ? [new Date(item.draft.startTime)] : [],
    ),
  ];
  return times.length === 0 ? null : new Date(Math.max(...times.map((time) => time.getTime())));
}

export function MyClients() {
  useChanges([onSyncChange]);
  const data = useLive(
    async () => ({ clients: await cachedClients(), unsent: await unsentItems() }),
    [onClientsChange, onOutboxChange],
  );
  useEffect(() => {
    // When the list is first usable after the page opened (User Timing, read by the tests).
    if (data && data.clients.length > 0 && performance.getEntriesByName('rinnalla-my-clients').length === 0) {
      performance.mark('rinnalla-my-clients');
    }
  }, [data]);
  if (!data) return <p>{t('app.loading')}</p>;
  const clients = [...data.clients].sort((a, b) => a.client.displayName.localeCompare(b.client.displayName));
  return (
    <>
      <h1>{t('myClients.title')}</h1>
      {clients.length === 0 && <p role="status">{isSyncing() ? t('app.loading') : t('myClients.empty')}</p>}
      <ul class="cards">
        {clients.map((record) => {
          const unsent = data.unsent.filter((item) => item.draft.client === record.name).length;
          const last = lastVisitTime(record, data.unsent);
          const meeting = record.nextMeeting?.scheduledTime;
          return (
            <li key={record.name}>
              <button
                type="button"
                class="card"
                onClick={() => navigate<GuideRoute>({ screen: 'client', client: record.name })}
              >
                <span class="card-title">{record.client.displayName}</span>
                {record.assignment.state === Assignment_State.PAUSED && (
                  <span class="tag">{t('myClients.paused')}</span>
                )}
                <span>
                  {meeting
                    ? t('myClients.nextMeeting', { time: formatDateTime(timestampDate(meeting)) })
                    : t('myClients.noMeeting')}
                </span>
                <span>{last ? t('myClients.lastVisit', { time: formatDateTime(last) }) : t('myClients.noVisit')}</span>
                {unsent > 0 && <span class="badge">{t('myClients.unsent', { count: unsent })}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
