import type { IncomingMessage, ServerResponse } from 'node:http';

/** The parts of Express's request the app reads (express's own types are not installed). */
export interface HttpRequest extends IncomingMessage {
  path: string;
  route?: { path?: string };
}

/** The parts of Express's response the app uses. */
export interface HttpResponse extends ServerResponse {
  status(code: number): HttpResponse;
  json(body: unknown): HttpResponse;
  sendFile(path: string): void;
}
