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
