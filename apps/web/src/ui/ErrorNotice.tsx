import { ApiError } from '../api/api-error';

/** A failed load or action, said plainly. */
export function ErrorNotice({ error, what }: { error: Error; what: string }) {
  const detail =
    error instanceof ApiError
      ? error.messages.join('; ') || `the API answered ${error.status}`
      : 'the platform could not be reached';
  return (
    <p role="alert" className="notice error">
      {what} failed: {detail}.
    </p>
  );
}
