// The social worker's clients: finding one by name or record-system id, to open them.
import { ClientFinder } from '../../shared/client-finder';
import { m } from '../messages';

export function ClientList({ onOpen }: { onOpen: (client: string) => void }) {
  return (
    <>
      <h1>{m('clients.title')}</h1>
      <ClientFinder onOpen={(client) => onOpen(client.name)} />
    </>
  );
}
