// A client added by hand (one the record system has not sent): name, record-system ids,
// municipality and languages; made with a request id, so a retry adds no second client.
import { useMemo, useState } from 'preact/hooks';
import { directory } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { session } from '../../../shared/auth/session';
import { t } from '../../../shared/i18n/i18n';
import { CheckGroup } from '../../../shared/ui/choices';
import { Problems } from '../../../shared/ui/problems';
import { remember } from '../../shared/client-search';
import { wordRefusal } from '../../shared/refusal-words';
import { clientProblems, recordIdsOf, type ClientDraft } from '../client-rules';
import { m } from '../messages';
import { LANGUAGE_CHOICES } from '../referral-rules';
import '../../desk.css';

export function NewClient({ onAdded }: { onAdded: (client: string) => void }) {
  const [draft, setDraft] = useState<ClientDraft>({ displayName: '', recordIds: '', municipality: '', languages: [] });
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const requestId = useMemo(() => crypto.randomUUID(), []);
  const change = (part: Partial<ClientDraft>) => setDraft((current) => ({ ...current, ...part }));
  const text = (key: 'displayName' | 'recordIds' | 'municipality') => ({
    value: draft[key],
    onInput: (event: Event) => change({ [key]: (event.target as HTMLInputElement).value }),
  });

  const save = async (event: Event) => {
    event.preventDefault();
    const found = clientProblems(draft);
    setProblems(found);
    if (found.length > 0) return;
    setSending(true);
    try {
      const client = await directory.createClient({
        parent: `organizations/${session()!.org}`,
        requestId,
        client: {
          displayName: draft.displayName.trim(),
          externalRefs: recordIdsOf(draft.recordIds),
          municipality: draft.municipality.trim(),
          languages: draft.languages,
        },
      });
      remember(client);
      onAdded(client.name);
    } catch (error) {
      const refusal = refusalFromError(error);
      // One record-system id names one client: the server says so without a reason of its own.
      setProblems([refusal.code === 'ALREADY_EXISTS' ? m('newClient.recordIdTaken') : wordRefusal(refusal)]);
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="desk-form" onSubmit={(event) => void save(event)} noValidate>
      <h1>{m('newClient.title')}</h1>
      <p>{m('newClient.intro')}</p>
      <Problems problems={problems} />
      <div class="field">
        <label for="client-name">{m('newClient.name')}</label>
        <input id="client-name" autocomplete="off" maxLength={400} {...text('displayName')} />
      </div>
      <div class="field">
        <label for="client-record-ids">{m('newClient.recordIds')}</label>
        <p class="hint" id="client-record-ids-hint">
          {m('newClient.recordIdsHint')}
        </p>
        <input id="client-record-ids" autocomplete="off" spellcheck={false} aria-describedby="client-record-ids-hint" {...text('recordIds')} />
      </div>
      <div class="field">
        <label for="client-municipality">{m('newReferral.municipality')}</label>
        <p class="hint" id="client-municipality-hint">
          {m('newClient.municipalityHint')}
        </p>
        <input id="client-municipality" inputMode="numeric" maxLength={3} aria-describedby="client-municipality-hint" {...text('municipality')} />
      </div>
      <CheckGroup
        legend={m('newClient.languages')}
        options={LANGUAGE_CHOICES.map((code) => ({ value: code, label: m(`lang.${code}`) }))}
        value={draft.languages}
        onChange={(languages) => change({ languages })}
      />
      <div class="actions">
        <button type="submit" disabled={sending}>
          {sending ? t('status.sending') : m('newClient.save')}
        </button>
      </div>
    </form>
  );
}
