// Finding a client by name or by a record-system id ("apotti/12345"): the server searches
// (ListClients' filter: every word typed occurs in the name, case aside), so only the clients a
// search shows are read, and only they get a "listed" row in their access log.
import type { Client } from '../../gen/rinnalla/v1/directory_pb';
import { session } from '../../shared/auth/session';
import { directory } from '../../shared/api/clients';
import { filterString } from './filter-text';

/** What a search may be: as long as a client's name, in at most ten words (the server's rule). */
export const QUERY_MAX = 200;
const WORDS_MAX = 10;
/** A record system's name, a slash and its id: "apotti/12345". */
const RECORD_ID = /^([a-z0-9][a-z0-9._-]{0,63})\/(.+)$/i;

/** The ListClients filter for what was typed, or '' when nothing was. */
export function clientFilter(query: string): string {
  const text = query.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  if (!text) return '';
  const ref = RECORD_ID.exec(text);
  if (ref) return `external_ref = ${filterString(`${ref[1]!.toLowerCase()}/${ref[2]!}`)}`;
  const words = [...text].slice(0, QUERY_MAX).join('').split(' ').filter(Boolean).slice(0, WORDS_MAX);
  return `display_name:${filterString(words.join(' '))}`;
}

export interface Found {
  clients: Client[];
  /** More clients match than were shown: the search could say more. */
  more: boolean;
}

/** The clients the searches showed, by resource name: opening one needs no second read. */
const shown = new Map<string, Client>();

/** The first `pageSize` clients matching what was typed (none when nothing was). */
export async function findClients(query: string, pageSize: number): Promise<Found> {
  const filter = clientFilter(query);
  if (!filter) return { clients: [], more: false };
  const page = await directory.listClients({ parent: `organizations/${session()!.org}`, filter, pageSize });
  for (const client of page.clients) shown.set(client.name, client);
  return { clients: page.clients, more: page.nextPageToken !== '' };
}

/** A client a search has shown in this page load, if one has. */
export function shownClient(name: string): Client | undefined {
  return shown.get(name);
}

/** A client just made or read, so that it opens as it is now. */
export function remember(client: Client): void {
  shown.set(client.name, client);
}

/** One client: as a search showed it when one did, else read from the server. */
export async function clientByName(name: string): Promise<Client> {
  return shown.get(name) ?? directory.getClient({ name });
}

/**
 * The display names of `clients` (resource names), each read once and a few at a time: a list
 * that names its clients (the referrals) reads those clients only, not the whole organization.
 * A client that cannot be read is left out.
 */
export async function clientNames(clients: string[], atOnce = 6): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const waiting = [...new Set(clients)];
  const read = async () => {
    for (let name = waiting.shift(); name !== undefined; name = waiting.shift()) {
      const client = await clientByName(name).catch(() => undefined);
      if (client) names.set(name, client.displayName);
    }
  };
  await Promise.all(Array.from({ length: atOnce }, read));
  return names;
}
