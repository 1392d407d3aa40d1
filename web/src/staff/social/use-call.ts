// A server read for a screen: its value, or the refusal worded in the user's language.
import { useEffect, useState } from 'preact/hooks';
import { refusalFromError } from '../../shared/api/refusal';
import { wordRefusal } from './refusal-words';

export interface CallState<T> {
  value?: T;
  problem?: string;
  reload: () => void;
}

export function useCall<T>(read: () => Promise<T>, deps: unknown[]): CallState<T> {
  const [state, setState] = useState<{ value?: T; problem?: string }>({});
  const [round, setRound] = useState(0);
  useEffect(() => {
    let alive = true;
    read().then(
      (value) => alive && setState({ value }),
      (error: unknown) => alive && setState({ problem: wordRefusal(refusalFromError(error)) }),
    );
    return () => {
      alive = false;
    };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((n) => n + 1) };
}
