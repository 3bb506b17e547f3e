import { Injectable, NotFoundException, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A resource id in the path: ids are UUIDs, so anything else cannot exist and is a 404
 * (the same answer as another organisation's id), not a validation error.
 */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly resource = 'resource') {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new NotFoundException([`${this.resource} not found`]);
    return value.toLowerCase();
  }
}

export const WebhookId = new UuidParamPipe('webhook');
export const DeliveryId = new UuidParamPipe('delivery');
export const ApiKeyIdParam = new UuidParamPipe('API key');
export const ReplayIdParam = new UuidParamPipe('replay');

/** OpenAPI description of the `:id` path parameter of a webhook. */
export const WEBHOOK_ID_PARAM = {
  name: 'id',
  format: 'uuid',
  example: '8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f',
};
