// Finding a client of the organization by name or record-system id, to open them: a search field
// and the clients the server finds as buttons (the social worker's client list, the auditor's
// log). One page at most: when more match, the user is asked to type more.
import { useState } from 'preact/hooks';
import type { Client } from '../../gen/rinnalla/v1/directory_pb';
import { m } from '../messages';
import { QUERY_MAX } from './client-search';
import { useClientSearch, type ClientSearch } from './use-client-search';

/** The most clients one search shows. */
export const SHOWN = 20;

/** The search field, what went wrong with the last search, and how many it found. */
export function ClientSearchField(props: {
  id: string;
  label: string;
  hint: string;
  query: string;
  onQuery: (query: string) => void;
  search: ClientSearch;
}) {
  const { id, search } = props;
  return (
    <>
      {search.problem && <p role="alert">{search.problem}</p>}
      <div class="field">
        <label for={id}>{props.label}</label>
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
        <input
          id={id}
          type="search"
          autocomplete="off"
          maxLength={QUERY_MAX}
          aria-describedby={`${id}-hint`}
          value={props.query}
          onInput={(e) => props.onQuery((e.target as HTMLInputElement).value)}
        />
      </div>
      <FoundStatus search={search} />
    </>
  );
}

export function ClientFinder({ onOpen }: { onOpen: (client: Client) => void }) {
  const [query, setQuery] = useState('');
  const search = useClientSearch(query, SHOWN);
  const found = search.found?.clients ?? [];
  return (
    <>
      <ClientSearchField
        id="find-client"
        label={m('finder.find')}
        hint={m('finder.hint')}
        query={query}
        onQuery={setQuery}
        search={search}
      />
      {found.length > 0 && (
        <ul class="found" aria-label={m('finder.found')}>
          {found.map((client) => (
            <li key={client.name}>
              <button type="button" class="link" onClick={() => onOpen(client)}>
                {client.displayName}
              </button>{' '}
              <span class="muted">{clientDetails(client)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A client's municipality and record-system ids, beside their name in a list of clients found. */
export function clientDetails(client: Client): string {
  return [client.municipality, ...client.externalRefs.map((r) => `${r.system}/${r.id}`)].filter(Boolean).join(' · ');
}

/** "No client found", or "more match: type more" under a full page, for the search as it is now. */
export function FoundStatus({ search }: { search: ClientSearch }) {
  if (!search.current || !search.found) return null;
  if (search.found.clients.length === 0) return <p role="status">{m('finder.none')}</p>;
  return search.found.more ? <p role="status">{m('finder.more', { count: search.found.clients.length })}</p> : null;
}
