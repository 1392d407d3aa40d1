// When the phone syncs: at start, when the connection comes back, when the app becomes visible,
// every minute, and after each save. One tab at a time (a Web Lock): a second tab that finds the
// lock taken leaves the work to the first.
import { Emitter } from '../../shared/emitter';
import { session, sessionExpired } from '../../shared/auth/session';
import { refreshClients } from './refresh';
import { Offline, sendNotes, sendVisits } from './send';

const LOCK = 'rinnalla-sync';
const EVERY_MINUTE = 60_000;
const changed = new Emitter();
let syncing = false;
let again = false;
let online = globalThis.navigator?.onLine ?? true;

export const onSyncChange = (listener: () => void) => changed.subscribe(listener);
export const isSyncing = () => syncing;
/** False after a send found no connection, until one works again. */
export const isOnline = () => online;

async function run(): Promise<void> {
  const current = session();
  if (!current || sessionExpired()) return;
  try {
    await sendVisits();
    await sendNotes();
    await refreshClients(current);
    online = true;
  } catch (error) {
    // Offline: the visits could not be sent; anything else (a read failing) leaves the items as
    // the server's answers settled them, and the next round tries again.
    online = navigator.onLine && !(error instanceof Offline);
  }
}

/**
 * Syncs now. While this tab syncs (from asking for the lock until the last round is done), a call
 * asks for one more round, so none is lost between two rounds; a lock another tab holds leaves
 * the work to that tab.
 */
export async function syncNow(): Promise<void> {
  if (syncing) {
    again = true;
    return;
  }
  syncing = true;
  changed.emit();
  try {
    do {
      again = false;
      if (navigator.locks) {
        await navigator.locks.request(LOCK, { ifAvailable: true }, async (lock) => {
          if (lock) await run();
        });
      } else {
        await run();
      }
    } while (again);
  } finally {
    syncing = false;
    changed.emit();
  }
}

let started = false;

export function startSyncing(): void {
  if (started) return;
  started = true;
  void syncNow();
  addEventListener('online', () => {
    online = true;
    void syncNow();
  });
  addEventListener('offline', () => {
    online = false;
    changed.emit();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void syncNow();
  });
  setInterval(() => void syncNow(), EVERY_MINUTE);
}
