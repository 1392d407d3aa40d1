// A client: the next meeting, the agreed goals in the client's own words with their five GAS
// levels, and the guide's own recent visits and notes (those not yet sent marked so). Shown from
// the phone's copy at once; the server is asked meanwhile whether the guide still guides the
// client, and once the guidance has ended the screen says so and shows nothing of the client.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ExperienceArea } from '../../gen/rinnalla/v1/common_pb';
import { Assignment_State } from '../../gen/rinnalla/v1/matching_pb';
import type { Goal } from '../../gen/rinnalla/v1/meetings_pb';
import { codeName, formatDateTime, t, type MessageKey } from '../../shared/i18n/i18n';
import { navigate } from '../../shared/router';
import { useEffect, useState } from 'preact/hooks';
import { useLive } from '../../shared/ui/use-live';
import { checkClientAccess, type ClientAccess } from '../sync/access';
import { cachedClient, onClientsChange } from '../store/client-cache';
import { onOutboxChange, unsentItems } from '../store/outbox';
import { modeName, placeName } from '../labels';
import type { GuideRoute } from '../routes';

export const GAS_SCORES = [-2, -1, 0, 1, 2] as const;
export const gasLabel = (score: number) => t(`gas.${score}` as MessageKey);
const signed = (score: number) => (score > 0 ? `+${score}` : score < 0 ? `−${-score}` : '0');
export { signed };

function GoalLevels({ goal }: { goal: Goal }) {
  return (
    <li class="goal">
      <h3>{goal.title}</h3>
      {goal.area !== ExperienceArea.EXPERIENCE_AREA_UNSPECIFIED && (
        <p class="tag">{codeName('area', String(ExperienceArea[goal.area]))}</p>
      )}
      <p class="levels-title">{t('client.levels')}</p>
      <ol class="levels">
        {GAS_SCORES.map((score, index) => (
          <li key={score}>
            <span class="level-score" aria-hidden="true">
              {signed(score)}
            </span>
            <span>
              <strong>{gasLabel(score)}:</strong> {goal.gasLevels[index] ?? ''}
            </span>
          </li>
        ))}
      </ol>
    </li>
  );
}

function GuidanceEnded() {
  return (
    <>
      <h1>{t('client.endedTitle')}</h1>
      <p role="status">{t('client.ended')}</p>
      <button type="button" onClick={() => navigate<GuideRoute>({ screen: 'clients' }, true)}>
        {t('nav.myClients')}
      </button>
    </>
  );
}

export function ClientScreen({ client, flash }: { client: string; flash?: 'visit.saved' | 'note.saved' }) {
  const data = useLive(
    async () => ({ record: await cachedClient(client), unsent: await unsentItems() }),
    [onClientsChange, onOutboxChange],
    [client],
  );
  const [access, setAccess] = useState<ClientAccess | 'asking'>('asking');
  useEffect(() => {
    let alive = true;
    setAccess('asking');
    void checkClientAccess(client).then((answer) => alive && setAccess(answer));
    return () => {
      alive = false;
    };
  }, [client]);
  if (access === 'ended') return <GuidanceEnded />;
  if (!data || (!data.record && access === 'asking')) return <p>{t('app.loading')}</p>;
  const { record } = data;
  if (!record) {
    return (
      <>
        <p role="status">{t('client.gone')}</p>
        <button type="button" onClick={() => navigate<GuideRoute>({ screen: 'clients' }, true)}>
          {t('nav.myClients')}
        </button>
      </>
    );
  }
  const unsent = data.unsent.filter((item) => item.draft.client === client);
  const meeting = record.nextMeeting?.scheduledTime;
  return (
    <>
      <h1>{record.client.displayName}</h1>
      {record.assignment.state === Assignment_State.PAUSED && <p class="tag">{t('myClients.paused')}</p>}
      {flash && (
        <p class="flash" role="status">
          {t(flash)}
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={() => navigate<GuideRoute>({ screen: 'visit', client })}>
          {t('client.logVisit')}
        </button>
        <button type="button" class="secondary" onClick={() => navigate<GuideRoute>({ screen: 'note', client })}>
          {t('client.writeNote')}
        </button>
      </div>

      <section aria-labelledby="meeting-title">
        <h2 id="meeting-title">{t('client.nextMeeting')}</h2>
        <p>
          {meeting ? formatDateTime(timestampDate(meeting)) : t('client.noMeeting')}
          {record.nextMeeting?.place ? `, ${record.nextMeeting.place}` : ''}
        </p>
      </section>

      <section aria-labelledby="goals-title">
        <h2 id="goals-title">{t('client.goals')}</h2>
        {record.goals.length === 0 && <p>{t('client.noGoals')}</p>}
        <ul class="goals">
          {record.goals.map((goal) => (
            <GoalLevels key={goal.name} goal={goal} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="visits-title">
        <h2 id="visits-title">{t('client.recentVisits')}</h2>
        <ul class="entries">
          {unsent.flatMap((item) =>
            item.draft.kind === 'visit'
              ? [
                  <li key={item.id}>
                    <span class="entry-title">
                      {formatDateTime(new Date(item.draft.startTime))} · {t('visit.minutes', { count: item.draft.durationMinutes })}
                    </span>
                    <span class="badge">{t('client.unsentItem')}</span>
                  </li>,
                ]
              : [],
          )}
          {record.visits.map((visit) => (
            <li key={visit.name}>
              <span class="entry-title">
                {visit.startTime ? formatDateTime(timestampDate(visit.startTime)) : ''} ·{' '}
                {t('visit.minutes', { count: visit.durationMinutes })} · {modeName(visit.mode)}
              </span>
              {visit.places.length > 0 && <span>{visit.places.map(placeName).join(', ')}</span>}
              {visit.summary && <span class="entry-text">{visit.summary}</span>}
            </li>
          ))}
        </ul>
        {record.visits.length === 0 && !unsent.some((item) => item.draft.kind === 'visit') && (
          <p>{t('client.noVisits')}</p>
        )}
      </section>

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t('client.recentNotes')}</h2>
        <ul class="entries">
          {unsent.flatMap((item) =>
            item.draft.kind === 'note'
              ? [
                  <li key={item.id}>
                    <span class="entry-title">{formatDateTime(new Date(item.savedTime))}</span>
                    <span class="badge">{t('client.unsentItem')}</span>
                  </li>,
                ]
              : [],
          )}
          {record.notes.map((note) => (
            <li key={note.name}>
              <span class="entry-title">{note.createTime ? formatDateTime(timestampDate(note.createTime)) : ''}</span>
              {note.text && <span class="entry-text">{note.text}</span>}
            </li>
          ))}
        </ul>
        {record.notes.length === 0 && !unsent.some((item) => item.draft.kind === 'note') && (
          <p>{t('client.noNotes')}</p>
        )}
      </section>
    </>
  );
}
