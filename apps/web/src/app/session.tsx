import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';

export interface Session {
  api: ApiClient;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session: the typed API client and sign-out. Only below the sign-in gate. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}
