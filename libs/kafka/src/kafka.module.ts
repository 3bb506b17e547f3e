import { type DynamicModule, Module } from '@nestjs/common';
import { KafkaConnection, type KafkaConnectionOptions } from './kafka-connection';
import { KafkaHealthIndicator } from './kafka-health.indicator';

@Module({})
export class KafkaModule {
  static forRoot(options: KafkaConnectionOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KafkaConnection, useValue: new KafkaConnection(options) },
        KafkaHealthIndicator,
      ],
      exports: [KafkaConnection, KafkaHealthIndicator],
    };
  }
}
