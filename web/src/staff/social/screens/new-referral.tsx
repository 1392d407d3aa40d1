// A new referral: the client found by name or record-system id, the needs (experience areas),
// languages, municipality and a note; made with a request id, so a retry makes no second one.
import { useMemo, useState } from 'preact/hooks';
import type { Client } from '../../../gen/rinnalla/v1/directory_pb';
import { session } from '../../../shared/auth/session';
import { matching } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { t } from '../../../shared/i18n/i18n';
import { CheckGroup, RadioGroup } from '../../../shared/ui/choices';
import { Problems } from '../../../shared/ui/problems';
import { TextArea } from '../../../shared/ui/text-area';
import { shownClient } from '../../shared/client-search';
import { clientDetails, ClientSearchField, SHOWN } from '../../shared/client-finder';
import { AREAS } from '../../shared/areas';
import { useClientSearch } from '../../shared/use-client-search';
import { m } from '../messages';
import { areaName } from '../reason-words';
import { LANGUAGE_CHOICES, NOTE_MAX, referralProblems, type ReferralDraft } from '../referral-rules';
import { wordRefusal } from '../../shared/refusal-words';


export function NewReferral({ onMade }: { onMade: (referral: string) => void }) {
  const [query, setQuery] = useState('');
  const search = useClientSearch(query, SHOWN);
  const [draft, setDraft] = useState<ReferralDraft>({ client: '', needs: [], languages: [], municipality: '', note: '' });
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const requestId = useMemo(() => crypto.randomUUID(), []);
  const found = search.found?.clients ?? [];
  const change = (part: Partial<ReferralDraft>) => setDraft((current) => ({ ...current, ...part }));
  const pick = (name: string) => {
    const client = shownClient(name) as Client;
    change({
      client: name,
      municipality: draft.municipality || client.municipality,
      languages: draft.languages.length ? draft.languages : client.languages.filter((l) => (LANGUAGE_CHOICES as readonly string[]).includes(l)),
    });
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const found = referralProblems(draft);
    setProblems(found);
    if (found.length > 0) return;
    setSending(true);
    try {
      const referral = await matching.createReferral({
        parent: `organizations/${session()!.org}`,
        requestId,
        referral: {
          client: draft.client,
          needs: draft.needs,
          languages: draft.languages,
          municipality: draft.municipality.trim(),
          note: draft.note.trim(),
        },
      });
      onMade(referral.name);
    } catch (error) {
      setProblems([wordRefusal(refusalFromError(error))]);
    } finally {
      setSending(false);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <h1>{m('newReferral.title')}</h1>
      <Problems problems={problems} />
      <ClientSearchField
        id="client-query"
        label={m('newReferral.find')}
        hint={m('newReferral.findHint')}
        query={query}
        onQuery={setQuery}
        search={search}
      />
      {found.length > 0 && (
        <RadioGroup
          legend={m('newReferral.matches')}
          options={found.map((client) => ({
            value: client.name,
            label: client.displayName,
            detail: clientDetails(client),
          }))}
          value={draft.client || null}
          onChange={pick}
        />
      )}
      <CheckGroup
        legend={m('newReferral.needs')}
        options={AREAS.map((area) => ({ value: area, label: areaName(area) }))}
        value={draft.needs}
        onChange={(needs) => change({ needs })}
      />
      <CheckGroup
        legend={m('newReferral.languages')}
        options={LANGUAGE_CHOICES.map((code) => ({ value: code, label: m(`lang.${code}`) }))}
        value={draft.languages}
        onChange={(languages) => change({ languages })}
      />
      <div class="field">
        <label for="municipality">{m('newReferral.municipality')}</label>
        <input
          id="municipality"
          inputMode="numeric"
          maxLength={3}
          value={draft.municipality}
          onInput={(event) => change({ municipality: (event.target as HTMLInputElement).value })}
        />
      </div>
      <TextArea label={m('newReferral.note')} value={draft.note} max={NOTE_MAX} rows={3} onInput={(note) => change({ note })} />
      <button type="submit" disabled={sending}>
        {sending ? t('status.sending') : m('newReferral.save')}
      </button>
    </form>
  );
}
