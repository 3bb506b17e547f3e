import { Worker } from 'node:worker_threads';
import type { Message } from 'kafkajs';
import { KafkaSettings, validateEnv } from '@app/config';
import { kafkaConnectionConfig } from '@app/kafka';

/*
 * A Kafka producer on a worker thread (its own event loop), for records that must not be
 * measured as the in-process sender's work: producing thousands of records (partitioning,
 * encoding, checksums, their garbage) on the sender's thread stalled it for hundreds of
 * milliseconds, which no sender fed by another process (the matcher) ever pays. It sends a
 * burst at once, or a steady stream in ticks, each record stamped with the time it is sent.
 */
const PRODUCER_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { Kafka, logLevel } = require(workerData.kafkajs);
const kafka = new Kafka({ clientId: 'bench-producer-thread', ...workerData.connection, logLevel: logLevel.NOTHING });
const producer = kafka.producer();
producer.connect().then(() => parentPort.postMessage({ ready: true }), (error) => parentPort.postMessage({ error: String(error) }));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function sendSteadily({ topic, messages, perTick, tickMs, stamp }) {
  for (let i = 0; i < messages.length; i += perTick) {
    const started = Date.now();
    const now = new Date(started).toISOString();
    const tick = messages.slice(i, i + perTick).map((m) => ({ key: m.key, value: m.value.replaceAll(stamp, now) }));
    await producer.send({ topic, acks: -1, messages: tick });
    await sleep(Math.max(0, tickMs - (Date.now() - started)));
  }
}
parentPort.on('message', async (m) => {
  if (m === 'stop') { await producer.disconnect(); process.exit(0); }
  try {
    if (m.steady) await sendSteadily(m.steady);
    else for (let i = 0; i < m.messages.length; i += 500)
      await producer.send({ topic: m.topic, acks: -1, messages: m.messages.slice(i, i + 500) });
    parentPort.postMessage({ id: m.id, sent: true });
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error) });
  }
});
`;

/** A steady stream: `messages` sent `perTick` every `tickMs`, `stamp` replaced by the send time. */
export interface SteadyStream {
  topic: string;
  messages: Array<{ key: string; value: string }>;
  perTick: number;
  tickMs: number;
  /** Text in each value that stands for the time it is sent (an ISO date of the same length). */
  stamp: string;
}

type Reply = { id?: number; sent?: boolean; error?: string };

export class ProducerThread {
  private readonly worker: Worker;
  /** Calls waiting for their reply, by id: a steady stream and a burst may run at once. */
  private readonly replies = new Map<number, (reply: Reply) => void>();
  private nextId = 0;
  private exited = false;

  private constructor(brokers: readonly string[]) {
    this.worker = new Worker(PRODUCER_WORKER, {
      eval: true,
      // Brokers, TLS and SASL as every client of the platform gets them (createKafkaClient).
      workerData: {
        connection: kafkaConnectionConfig(
          validateEnv(KafkaSettings, { ...process.env, KAFKA_BROKERS: brokers.join(',') }),
        ),
        kafkajs: require.resolve('kafkajs'),
      },
    });
    this.worker.on('message', (reply: Reply) => {
      const id = reply.id ?? -1; // the ready message answers the start, id -1
      this.replies.get(id)?.(reply);
      this.replies.delete(id);
    });
    // A thread that dies answers every call still waiting, so the benchmark fails, not hangs.
    this.worker.on('error', (error) => this.fail(String(error)));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.fail(`exited with code ${code}`);
    });
  }

  static async start(brokers: readonly string[]): Promise<ProducerThread> {
    const thread = new ProducerThread(brokers);
    await thread.reply(-1);
    return thread;
  }

  /** Sends already serialized messages; resolves once Kafka has acknowledged all of them. */
  send(topic: string, messages: Message[]): Promise<void> {
    return this.call({ topic, messages });
  }

  /** Sends a steady stream; resolves once its last tick is acknowledged. */
  sendSteadily(steady: SteadyStream): Promise<void> {
    return this.call({ steady });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('stop');
    await exit;
  }

  private fail(error: string): void {
    for (const answer of this.replies.values()) answer({ error });
    this.replies.clear();
  }

  /** Posts one request to the thread and waits for its reply. */
  private async call(request: object): Promise<void> {
    const id = this.nextId++;
    const reply = this.reply(id);
    this.worker.postMessage({ id, ...request });
    await reply;
  }

  private async reply(id: number): Promise<void> {
    const { error } = await new Promise<Reply>((resolve) => this.replies.set(id, resolve));
    if (error) throw new Error(`producer thread: ${error}`);
  }
}
