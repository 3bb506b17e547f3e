import { useState } from 'react';
import { ApiError, unwrap } from '../api/api-error';
import type { SigningSecret } from '../api/types';
import { useSession } from '../app/session';
import { ConfirmButton } from '../ui/ConfirmButton';

/** The signing secret, shown only on request, with copy and rotate. */
export function SigningSecretPanel({ webhookId }: { webhookId: string }) {
  const { api } = useSession();
  const [secret, setSecret] = useState<SigningSecret | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const path = { params: { path: { id: webhookId } } };

  const failed = (error: unknown, what: string) =>
    setMessage(
      `${what} failed: ${error instanceof ApiError ? error.messages.join('; ') : 'the platform could not be reached'}.`,
    );
  const show = async () => {
    try {
      setSecret(unwrap(await api.GET('/v1/webhooks/{id}/secret', path)));
      setMessage(null);
    } catch (error) {
      failed(error, 'Reading the secret');
    }
  };
  const rotate = async () => {
    try {
      const rotated = unwrap(await api.POST('/v1/webhooks/{id}/secret/rotate', path));
      setSecret(rotated);
      setMessage(
        rotated.previous_secret_expires_at
          ? `Rotated. The previous secret also signs until ${new Date(rotated.previous_secret_expires_at).toLocaleString()}.`
          : 'Rotated.',
      );
    } catch (error) {
      failed(error, 'Rotating the secret');
    }
  };
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.secret);
      setMessage('Secret copied.');
    } catch {
      setMessage('Copying is not allowed here; select the secret and copy it by hand.');
    }
  };

  return (
    <section className="panel" aria-labelledby="secret-heading">
      <h2 id="secret-heading">Signing secret</h2>
      <p className="help">
        Your endpoint checks each request&apos;s <code>webhook-signature</code> with this secret.
      </p>
      {secret ? (
        <div className="secret">
          <input
            className="secret-value"
            readOnly
            value={secret.secret}
            aria-label="Signing secret value"
            spellCheck={false}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="button" onClick={() => void copy()}>
            Copy secret
          </button>
          <button type="button" className="button quiet" onClick={() => setSecret(null)}>
            Hide secret
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => void show()}>
          Show secret
        </button>
      )}
      <ConfirmButton
        label="Rotate secret"
        question="Make a new secret? The current one keeps signing alongside it for a while, so your endpoint can switch over."
        confirmLabel="Yes, rotate"
        onConfirm={rotate}
      />
      <p role="status" className="notice live">
        {message}
      </p>
    </section>
  );
}
