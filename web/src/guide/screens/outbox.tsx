// The outbox: every visit and note saved on this phone, with its state in plain words. A refused
// one shows why and can be fixed and sent again; nothing leaves by itself.
import { t, formatDateTime } from '../../shared/i18n/i18n';
import { describeRefusal } from '../../shared/api/refusal';
import { navigate } from '../../shared/router';
import { useLive, useChanges } from '../../shared/ui/use-live';
import type { GuideRoute } from '../routes';
import { cachedClients, onClientsChange } from '../store/client-cache';
import { clearStored, onOutboxChange, outboxItems, reopenForFixing, type OutboxItem } from '../store/outbox';
import { isSyncing, onSyncChange, syncNow } from '../sync/sync';

function title(item: OutboxItem): string {
  return item.draft.kind === 'visit'
    ? t('outbox.visit', { time: formatDateTime(new Date(item.draft.startTime)) })
    : t('outbox.note', { time: formatDateTime(new Date(item.savedTime)) });
}

export function Outbox() {
  useChanges([onSyncChange]);
  const data = useLive(
    async () => ({
      items: await outboxItems(),
      names: new Map((await cachedClients()).map((record) => [record.name, record.client.displayName])),
    }),
    [onOutboxChange, onClientsChange],
  );
  if (!data) return <p>{t('app.loading')}</p>;
  const fix = async (item: OutboxItem) => {
    const draft = await reopenForFixing(item.id);
    if (draft) navigate<GuideRoute>({ screen: draft.kind, client: draft.client, draft: draft.id });
  };
  const anyStored = data.items.some((item) => item.state === 'stored');
  return (
    <>
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      <div class="actions">
        <button type="button" onClick={() => void syncNow()} disabled={isSyncing()}>
          {isSyncing() ? t('status.sending') : t('outbox.sendNow')}
        </button>
      </div>
      {data.items.length === 0 || data.items.every((item) => item.state === 'stored') ? (
        <p>{t('outbox.empty')}</p>
      ) : null}
      <ul class="entries outbox">
        {data.items.map((item) => (
          <li key={item.id} class={`state-${item.state}`}>
            <span class="entry-title">{title(item)}</span>
            {data.names.get(item.draft.client) && <span>{data.names.get(item.draft.client)}</span>}
            <span class="state">{t(`outbox.state.${item.state}`)}</span>
            {item.state === 'refused' && item.refusal && (
              <>
                <span class="reason">{t('outbox.reason', { reason: describeRefusal(item.refusal) })}</span>
                <button type="button" onClick={() => void fix(item)}>
                  {t('outbox.fix')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {anyStored && (
        <button type="button" class="secondary" onClick={() => void clearStored()}>
          {t('outbox.clear')}
        </button>
      )}
    </>
  );
}
