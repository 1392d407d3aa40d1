// The social worker's clients: finding one by name or record-system id, to open them, or adding
// one by hand.
import { ClientFinder } from '../../shared/client-finder';
import { m } from '../messages';

export function ClientList({ onOpen, onNew }: { onOpen: (client: string) => void; onNew: () => void }) {
  return (
    <>
      <h1>{m('clients.title')}</h1>
      <div class="actions">
        <button type="button" class="secondary" onClick={onNew}>
          {m('clients.add')}
        </button>
      </div>
      <ClientFinder onOpen={(client) => onOpen(client.name)} />
    </>
  );
}
