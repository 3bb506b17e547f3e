import { ServiceUnavailableException } from '@nestjs/common';
import {
  RECORD_FORMAT_HEADER,
  RECORD_FORMAT_VERSION,
  type DeliveryRecord,
  type Topics,
} from '@app/contracts';
import type { ReliableProducer } from '@app/kafka';
import { DeliveryProducer } from './delivery.producer';

function producerWith(send: () => Promise<unknown>) {
  const sent: unknown[] = [];
  const kafka = {
    producer: {
      send: (request: unknown) => {
        sent.push(request);
        return send();
      },
    },
  } as unknown as ReliableProducer;
  const producer = new DeliveryProducer(kafka, {
    deliveries: 'webhooks.deliveries',
  } as Topics);
  return { producer, sent };
}

const record = { delivery_id: 'd', webhook_id: 'w' } as DeliveryRecord;

describe('DeliveryProducer', () => {
  it('sends to the deliveries topic keyed by webhook id, in this release’s format, acks from all replicas', async () => {
    const { producer, sent } = producerWith(() => Promise.resolve([]));
    await producer.publish(record);
    expect(sent).toEqual([
      {
        topic: 'webhooks.deliveries',
        acks: -1,
        messages: [
          {
            key: 'w',
            value: JSON.stringify(record),
            headers: { [RECORD_FORMAT_HEADER]: RECORD_FORMAT_VERSION },
          },
        ],
      },
    ]);
  });

  it('gives up waiting with 503 while Kafka does not take the record', async () => {
    const { producer } = producerWith(() => new Promise(() => undefined));
    await expect(producer.publish(record, 20)).rejects.toBeInstanceOf(ServiceUnavailableException);
  });

  it('passes a send failure on', async () => {
    const { producer } = producerWith(() => Promise.reject(new Error('broker says no')));
    await expect(producer.publish(record, 1000)).rejects.toThrow('broker says no');
  });
});
