// Screens are kept in the history's state, never in the URL: the address stays "/", so no client
// id or name ever appears in it, while Back and a reload still find the screen.
import { Emitter } from './emitter';

const changed = new Emitter();

export function currentRoute<R>(fallback: R): R {
  return (history.state as { route?: R } | null)?.route ?? fallback;
}

export function navigate<R>(route: R, replace = false): void {
  if (replace) history.replaceState({ route }, '', '/');
  else history.pushState({ route }, '', '/');
  changed.emit();
  queueMicrotask(() => document.getElementById('main')?.focus());
}

export function back(): void {
  history.back();
}

addEventListener('popstate', () => changed.emit());

export const onRouteChange = (listener: () => void) => changed.subscribe(listener);
