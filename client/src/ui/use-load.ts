import { useCallback, useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  reload: () => Promise<void>;
  set: (next: T | ((current: T | undefined) => T | undefined)) => void;
}

/** Loads data for a screen and reloads when its inputs change; an answer for stale inputs is dropped. */
export function useLoad<T>(load: () => Promise<T>, inputs: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const run = useCallback(load, inputs);

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    run().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: Error) => current && setState((s) => ({ ...s, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [run, generation]);

  return {
    ...state,
    reload: async () => setGeneration((g) => g + 1),
    set: (next) =>
      setState((s) => ({
        ...s,
        data: typeof next === 'function' ? (next as (c: T | undefined) => T | undefined)(s.data) : next,
      })),
  };
}
