import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmployerSnapshot } from '@netsign/contracts';
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { api, unwrap } from '../api/client';
import {
  currentClaims,
  getToken,
  setToken,
  subscribeToken,
  type SessionClaims,
} from './session-store';

/** GET /me as the portal reads it. */
export interface Me {
  userId: string;
  role: string;
  username?: string;
  schoolCode?: string;
  departmentCode?: string;
  employer?: EmployerSnapshot;
}

interface SessionValue {
  claims: SessionClaims | null;
  me: Me | undefined;
  signIn: (accessToken: string) => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export const meQueryKey = ['me'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const token = useSyncExternalStore(subscribeToken, getToken, () => null);
  const queryClient = useQueryClient();
  // The claims follow the token (read again whenever it changes).
  const claims = useMemo(() => (token ? currentClaims() : null), [token]);
  const me = useQuery({
    queryKey: [...meQueryKey, claims?.userId],
    queryFn: () => unwrap<Me>(api.GET('/api/me')),
    enabled: claims !== null,
    staleTime: 60_000,
  });
  const signIn = useCallback(
    (accessToken: string) => {
      queryClient.clear();
      setToken(accessToken);
    },
    [queryClient],
  );
  const signOut = useCallback(() => {
    setToken(null);
    queryClient.clear();
  }, [queryClient]);
  const value = useMemo(
    () => ({ claims, me: me.data, signIn, signOut }),
    [claims, me.data, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
