// Finding a client by name or by a record-system id ("apotti/12345", or the id alone): the
// organization's clients are listed once (pages of 500) and matched here, case and accents aside.
import type { Client } from '../../gen/rinnalla/v1/directory_pb';
import { session } from '../../shared/auth/session';
import { directory } from '../../shared/api/clients';

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** The clients whose name contains `query`, or one of whose record-system ids is `query`. */
export function matchClients(clients: Client[], query: string): Client[] {
  const wanted = fold(query);
  if (!wanted) return [];
  return clients.filter(
    (client) =>
      fold(client.displayName).includes(wanted) ||
      client.externalRefs.some((ref) => fold(`${ref.system}/${ref.id}`) === wanted || fold(ref.id) === wanted),
  );
}

let listed: Promise<Client[]> | null = null;

/** Every client of the user's organization (read once per page load; `fresh` reads again). */
export function allClients(fresh = false): Promise<Client[]> {
  if (!listed || fresh) {
    listed = (async () => {
      const out: Client[] = [];
      let pageToken = '';
      do {
        const page = await directory.listClients({ parent: `organizations/${session()!.org}`, pageSize: 500, pageToken });
        out.push(...page.clients);
        pageToken = page.nextPageToken;
      } while (pageToken);
      return out;
    })();
    listed.catch(() => (listed = null));
  }
  return listed;
}

/** One client, from the list already read when there is one, else from the server. */
export async function clientByName(name: string): Promise<Client | undefined> {
  const known = listed && (await listed.catch(() => [])).find((client) => client.name === name);
  return known || directory.getClient({ name });
}
