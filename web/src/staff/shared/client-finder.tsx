// Finding a client of the organization by name or record-system id, to open them: a search field
// and the clients it matches as buttons (the social worker's client list, the auditor's log).
import { useMemo, useState } from 'preact/hooks';
import type { Client } from '../../gen/rinnalla/v1/directory_pb';
import { t } from '../../shared/i18n/i18n';
import { m } from '../messages';
import { allClients, matchClients } from './client-search';
import { useCall } from './use-call';

export function ClientFinder({ onOpen }: { onOpen: (client: Client) => void }) {
  const clients = useCall(() => allClients(true), []);
  const [query, setQuery] = useState('');
  const found = useMemo(() => matchClients(clients.value ?? [], query).slice(0, 50), [clients.value, query]);
  return (
    <>
      {clients.problem && <p role="alert">{clients.problem}</p>}
      <div class="field">
        <label for="find-client">{m('finder.find')}</label>
        <input id="find-client" type="search" autocomplete="off" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      </div>
      {!clients.value && !clients.problem && <p role="status">{t('app.loading')}</p>}
      {query.trim() !== '' && clients.value && found.length === 0 && <p role="status">{m('finder.none')}</p>}
      {found.length > 0 && (
        <ul class="found" aria-label={m('finder.found')}>
          {found.map((client) => (
            <li key={client.name}>
              <button type="button" class="link" onClick={() => onOpen(client)}>
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
