import type { ApiErrorBody } from './types';

/** A refused request: its status and the API's messages (each names the field it is about). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
  ) {
    super(messages.join('; ') || `request failed with status ${status}`);
    this.name = 'ApiError';
  }
}

function messagesOf(body: unknown): string[] {
  const message = (body as Partial<ApiErrorBody> | undefined)?.message;
  if (Array.isArray(message)) return message;
  return typeof message === 'string' ? [message] : [];
}

/** openapi-fetch's result as a value, or an ApiError carrying the API's messages. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ApiError(result.response.status, messagesOf(result.error));
}
