// Finding a client by name or record-system id, to open them.
import { useMemo, useState } from 'preact/hooks';
import { t } from '../../../shared/i18n/i18n';
import { allClients, matchClients } from '../client-search';
import { m } from '../messages';
import { useCall } from '../use-call';

export function ClientList({ onOpen }: { onOpen: (client: string) => void }) {
  const clients = useCall(() => allClients(true), []);
  const [query, setQuery] = useState('');
  const found = useMemo(() => matchClients(clients.value ?? [], query).slice(0, 50), [clients.value, query]);
  return (
    <>
      <h1>{m('clients.title')}</h1>
      {clients.problem && <p role="alert">{clients.problem}</p>}
      <div class="field">
        <label for="find-client">{m('clients.find')}</label>
        <input id="find-client" type="search" autocomplete="off" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      </div>
      {!clients.value && !clients.problem && <p role="status">{t('app.loading')}</p>}
      {query.trim() !== '' && clients.value && found.length === 0 && <p role="status">{m('newReferral.noMatches')}</p>}
      {found.length > 0 && (
        <ul class="found" aria-label={m('clients.found')}>
          {found.map((client) => (
            <li key={client.name}>
              <button type="button" class="link" onClick={() => onOpen(client.name)}>
                {client.displayName}
              </button>{' '}
              <span class="muted">{[client.municipality, ...client.externalRefs.map((r) => `${r.system}/${r.id}`)].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
