import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { HttpRequest } from '../common/http-types';
import { bearerToken } from './api-key-format';
import { AuthService, type Principal } from './auth.service';

type AuthenticatedRequest = HttpRequest & { principal?: Principal };

const UNAUTHORIZED = 'missing or invalid credentials: send Authorization: Bearer <api key>';

/** Lets a request through only with a valid organisation API key; sets its principal. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    const principal = token ? await this.auth.authenticate(token) : null;
    if (!principal) throw new UnauthorizedException(UNAUTHORIZED);
    request.principal = principal;
    return true;
  }
}

/** Lets a request through only with the bootstrap ADMIN_TOKEN. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token || !this.auth.isAdminToken(token)) throw new UnauthorizedException(UNAUTHORIZED);
    return true;
  }
}

/** The organisation of the request's API key (only behind ApiKeyGuard). */
export const OrganisationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new UnauthorizedException(UNAUTHORIZED);
    return principal.organisation_id;
  },
);
