// Screens are kept in the history's state, never in the URL: the address stays "/", so no client
// id or name ever appears in it, while Back and a reload still find the screen.
import { Emitter } from './emitter';

interface Entry<R> {
  route: R;
  /** How many screens of the app lie behind this one in the history. */
  depth: number;
}

const changed = new Emitter();

function entry<R>(): Entry<R> | null {
  return history.state as Entry<R> | null;
}

export function currentRoute<R>(fallback: R): R {
  return entry<R>()?.route ?? fallback;
}

function focusMain(): void {
  queueMicrotask(() => document.getElementById('main')?.focus());
}

export function navigate<R>(route: R, replace = false): void {
  const depth = entry()?.depth ?? 0;
  if (replace) history.replaceState({ route, depth }, '', '/');
  else history.pushState({ route, depth: depth + 1 }, '', '/');
  changed.emit();
  focusMain();
}

/** Leaves the current screen for the one before it, shown as `route` (e.g. with a message). */
export function returnTo<R>(route: R): void {
  if ((entry()?.depth ?? 0) === 0) {
    navigate(route, true);
    return;
  }
  addEventListener('popstate', () => navigate(route, true), { once: true });
  history.back();
}

addEventListener('popstate', () => {
  changed.emit();
  focusMain();
});

export const onRouteChange = (listener: () => void) => changed.subscribe(listener);

/** Back to the screen before, or to `home` when the app has none behind this one. */
export function goBack<R>(home: R): void {
  if ((entry()?.depth ?? 0) === 0) navigate(home, true);
  else history.back();
}
