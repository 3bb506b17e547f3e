import { type FormEvent, useState } from 'react';
import { createApiClient } from '../api/client';

interface SignInPageProps {
  /** Why the previous session ended, if it did. */
  notice: string | null;
  onSignedIn: (apiKey: string) => void;
}

/** Sign-in with the organisation's API key; the key is checked against the API first. */
export function SignInPage({ notice, onSignedIn }: SignInPageProps) {
  const [apiKey, setApiKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = apiKey.trim();
    if (!candidate) {
      setProblem('Enter your API key.');
      return;
    }
    setChecking(true);
    setProblem(null);
    try {
      // One webhook of the organisation: a call only a valid key is answered (the event
      // catalog is public, so it would accept any key).
      const { response } = await createApiClient(
        () => candidate,
        () => undefined,
      ).GET('/v1/webhooks', { params: { query: { limit: 1 } } });
      if (response.ok) return onSignedIn(candidate);
      setProblem(
        response.status === 401
          ? 'This API key was not accepted. Check that you copied all of it, or ask your admin for a new one.'
          : `The platform answered ${response.status}; try again in a moment.`,
      );
    } catch {
      setProblem('The platform could not be reached; try again in a moment.');
    } finally {
      setChecking(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Sign in to Webhooks</h1>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="api-key">Organisation API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby="api-key-help api-key-problem"
        />
        <p id="api-key-help" className="help">
          Starts with <code>whk_</code>. It stays in this browser tab only and is forgotten when the
          tab closes.
        </p>
        <p id="api-key-problem" role="alert" className="field-error">
          {problem}
        </p>
        <button type="submit" className="button primary" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
