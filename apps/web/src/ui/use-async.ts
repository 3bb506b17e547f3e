import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Loads again, keeping what is shown until the answer arrives. */
  reload: () => Promise<void>;
}

/**
 * Loads once per `key` (and again on reload); an answer that arrives after the key moved on
 * or the component left is dropped.
 */
export function useAsync<T>(key: string, load: () => Promise<T>): AsyncState<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: Error; loading: boolean }>({
    key,
    loading: true,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  const current = useRef(key);
  current.current = key;

  const run = useCallback(async (forKey: string) => {
    try {
      const data = await loadRef.current();
      if (current.current === forKey) setState({ key: forKey, data, loading: false });
    } catch (error) {
      if (current.current === forKey)
        setState((previous) => ({
          ...previous,
          key: forKey,
          error: error instanceof Error ? error : new Error(String(error)),
          loading: false,
        }));
    }
  }, []);

  useEffect(() => {
    setState((previous) => (previous.key === key ? previous : { key, loading: true }));
    void run(key);
  }, [key, run]);

  const reload = useCallback(() => run(current.current), [run]);
  const fresh = state.key === key;
  return {
    data: fresh ? state.data : undefined,
    error: fresh ? state.error : undefined,
    loading: !fresh || state.loading,
    reload,
  };
}

/** Calls `tick` every `everyMs` while the tab is visible (status lines change on their own). */
export function useInterval(tick: () => unknown, everyMs: number): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void tickRef.current();
    }, everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
}
