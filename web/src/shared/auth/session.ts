// The signed-in user: their token and who they are. Kept on the device so that a guide who opens
// the app offline is still themselves; deleted on sign-out. `expired` means the server refused
// the token (401) or its time ran out: the user is asked to sign in again, and nothing waiting
// in the outbox is touched.
import { Emitter } from '../emitter';

export interface Session {
  token: string;
  /** RFC 3339. */
  expireTime: string;
  sub: string;
  org: string;
  role: string;
  displayName: string;
  /** Set when the county's identity provider signed the user in (its session ends at sign-out). */
  signedInWith?: 'oidc';
}

const STORAGE_KEY = 'rinnalla.session';
const changed = new Emitter();
let expired = false;

function read(): Session | null {
  const text = localStorage.getItem(STORAGE_KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as Session;
  } catch {
    return null;
  }
}

let current: Session | null = read();

export function session(): Session | null {
  return current;
}

/** True when the user must sign in again before anything can be sent. */
export function sessionExpired(): boolean {
  return expired || (current !== null && Date.parse(current.expireTime) <= Date.now());
}

export function startSession(next: Session): void {
  if (current && (current.sub !== next.sub || current.org !== next.org)) {
    throw new Error('another user is signed in on this device');
  }
  current = next;
  expired = false;
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  changed.emit();
}

/** The server refused the token: keep who the user is, ask them to sign in again. */
export function markSessionExpired(): void {
  if (expired) return;
  expired = true;
  changed.emit();
}

export function endSession(): void {
  current = null;
  expired = false;
  localStorage.removeItem(STORAGE_KEY);
  changed.emit();
}

export const onSessionChange = (listener: () => void) => changed.subscribe(listener);
