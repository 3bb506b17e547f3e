import {
  applyDecorators,
  Catch,
  Controller,
  type RpcExceptionFilter,
  UseFilters,
} from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/**
 * Hands a batch handler's error back to kafkajs as it was thrown. Nest's default RPC filter
 * would replace it with `{ status, message }`, and kafkajs decides by the error itself
 * whether to retry the batch (a Kafka error it deems retriable) or stop the consumer.
 */
@Catch()
class PassErrorsToKafka implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/** A controller of `@EventPattern` batch handlers hosted by KafkaBatchTransport. */
export function BatchConsumers(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(new PassErrorsToKafka()));
}
