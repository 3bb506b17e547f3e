import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient } from '../api/client';
import { apiKeyStore } from '../auth/api-key-store';
import { SignInPage } from '../auth/SignInPage';
import { WebhookFormPage } from '../webhooks/WebhookFormPage';
import { WebhookPage } from '../webhooks/WebhookPage';
import { WebhooksPage } from '../webhooks/WebhooksPage';
import { matchRoute, navigate, ROUTES, usePath } from './router';
import { type Session, SessionContext } from './session';

const KEY_REFUSED =
  'Your API key is no longer accepted (it may have been revoked). Sign in with a valid key.';

/** The web app: the sign-in gate, then the Webhooks pages. */
export function App() {
  const path = usePath();
  const [signedIn, setSignedIn] = useState(() => apiKeyStore.get() !== null);
  const [notice, setNotice] = useState<string | null>(null);

  const endSession = useCallback((message: string | null) => {
    apiKeyStore.clear();
    setSignedIn(false);
    setNotice(message);
    navigate(ROUTES.signIn, { replace: true });
  }, []);

  const session = useMemo<Session>(
    () => ({
      api: createApiClient(
        () => apiKeyStore.get(),
        () => endSession(KEY_REFUSED),
      ),
      signOut: () => endSession('You are signed out.'),
    }),
    [endSession],
  );

  const route = matchRoute(path);
  useEffect(() => {
    if (!signedIn && route.page !== 'sign-in') navigate(ROUTES.signIn, { replace: true });
    if (signedIn && route.page === 'sign-in') navigate(ROUTES.webhooks, { replace: true });
  }, [signedIn, route.page]);

  if (!signedIn)
    return (
      <SignInPage
        notice={notice}
        onSignedIn={(key) => {
          apiKeyStore.set(key);
          if (route.page === 'sign-in') navigate(ROUTES.webhooks, { replace: true });
          setNotice(null);
          setSignedIn(true);
        }}
      />
    );

  return (
    <SessionContext.Provider value={session}>
      {route.page === 'new-webhook' ? (
        <WebhookFormPage />
      ) : route.page === 'edit-webhook' ? (
        <WebhookFormPage id={route.id} />
      ) : route.page === 'webhook' ? (
        <WebhookPage id={route.id} />
      ) : (
        <WebhooksPage />
      )}
    </SessionContext.Provider>
  );
}
