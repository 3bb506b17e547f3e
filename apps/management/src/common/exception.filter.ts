import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
} from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response } from './http-types';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';

/** The error body every failed request gets. */
export interface ErrorBody {
  status_code: number;
  error: string;
  message: string | string[];
  correlation_id: string;
}

/** Errors raised by Express's body parser carry a status and a type, e.g. `entity.parse.failed`. */
interface BodyParserError {
  status: number;
  type: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    typeof candidate.type === 'string'
  );
}

const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'body is not valid JSON',
  'entity.too.large': 'body is too large',
  'encoding.unsupported': 'body has an unsupported content encoding',
  'charset.unsupported': 'body has an unsupported charset',
};

/**
 * The one exception filter. Expected errors (Nest HTTP exceptions, malformed
 * bodies) keep their status and message; anything else becomes a 500 whose body carries only
 * a correlation id, while the log gets the detail under the same id. No stack leaves the app.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext('AllExceptionsFilter');
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const correlationId = correlationIdOf(request);
    const body = this.toBody(exception, correlationId, request);
    if (response.headersSent) return;
    response.setHeader('x-correlation-id', correlationId);
    if (body.status_code === 401) response.setHeader('www-authenticate', 'Bearer');
    response.status(body.status_code).json(body);
  }

  private toBody(exception: unknown, correlationId: string, request: Request): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : ((payload as { message?: string | string[] }).message ?? exception.message);
      if (status >= 500) this.logUnexpected(exception, correlationId, request);
      return {
        status_code: status,
        error: statusText(status),
        message: status >= 500 ? 'internal error' : message,
        correlation_id: correlationId,
      };
    }
    if (isBodyParserError(exception)) {
      return {
        status_code: exception.status,
        error: statusText(exception.status),
        message: BODY_PARSER_MESSAGES[exception.type] ?? 'body could not be read',
        correlation_id: correlationId,
      };
    }
    this.logUnexpected(exception, correlationId, request);
    return {
      status_code: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'internal error; quote the correlation id when reporting it',
      correlation_id: correlationId,
    };
  }

  private logUnexpected(exception: unknown, correlationId: string, request: Request): void {
    this.logger.error(
      {
        correlation_id: correlationId,
        method: request.method,
        path: request.path,
        err: exception instanceof Error ? exception : { message: String(exception) },
      },
      'unexpected error while handling a request',
    );
  }
}

/** The request id pino-http assigned, or a fresh uuid. */
function correlationIdOf(request: Request): string {
  const id = request.id;
  return typeof id === 'string' && id.length > 0 ? id : randomUUID();
}

function statusText(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name
    ? name
        .toLowerCase()
        .split('_')
        .map((word) => word[0].toUpperCase() + word.slice(1))
        .join(' ')
    : 'Error';
}
