import { useEffect, useState } from 'preact/hooks';

type Subscribe = (listener: () => void) => () => void;

/** The value `read` gives, read again whenever one of `sources` says it changed. */
export function useLive<T>(read: () => Promise<T>, sources: Subscribe[], deps: unknown[] = []): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    let round = 0;
    const reload = () => {
      const mine = ++round;
      void read().then((next) => {
        if (alive && mine === round) setValue(() => next);
      });
    };
    reload();
    const unsubscribe = sources.map((subscribe) => subscribe(reload));
    return () => {
      alive = false;
      unsubscribe.forEach((stop) => stop());
    };
  }, deps);
  return value;
}

/** Re-renders when one of `sources` changes (for values read synchronously). */
export function useChanges(sources: Subscribe[]): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const unsubscribe = sources.map((subscribe) => subscribe(() => setTick((tick) => tick + 1)));
    return () => unsubscribe.forEach((stop) => stop());
  }, []);
}
