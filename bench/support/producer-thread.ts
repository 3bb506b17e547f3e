import { Worker } from 'node:worker_threads';
import type { Message } from 'kafkajs';

/*
 * A Kafka producer on a worker thread (its own event loop), for a burst that must not be
 * measured as the in-process sender's work: producing thousands of records (partitioning,
 * encoding, checksums, their garbage) on the sender's thread stalled it for hundreds of
 * milliseconds, which no sender fed by another process (the matcher) ever pays.
 */
const PRODUCER_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { Kafka, logLevel } = require(workerData.kafkajs);
const kafka = new Kafka({ clientId: 'bench-producer-thread', brokers: workerData.brokers, logLevel: logLevel.NOTHING });
const producer = kafka.producer();
producer.connect().then(() => parentPort.postMessage({ ready: true }), (error) => parentPort.postMessage({ error: String(error) }));
parentPort.on('message', async (m) => {
  if (m === 'stop') { await producer.disconnect(); process.exit(0); }
  try {
    for (let i = 0; i < m.messages.length; i += 500)
      await producer.send({ topic: m.topic, acks: -1, messages: m.messages.slice(i, i + 500) });
    parentPort.postMessage({ sent: m.messages.length });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
});
`;

export class ProducerThread {
  private readonly worker: Worker;
  private readonly replies: Array<(reply: { sent?: number; error?: string }) => void> = [];
  private exited = false;

  private constructor(brokers: readonly string[]) {
    this.worker = new Worker(PRODUCER_WORKER, {
      eval: true,
      workerData: { brokers, kafkajs: require.resolve('kafkajs') },
    });
    this.worker.on('message', (reply: { sent?: number; error?: string }) =>
      this.replies.shift()?.(reply),
    );
    // A thread that dies answers every call still waiting, so the benchmark fails, not hangs.
    this.worker.on('error', (error) => this.fail(String(error)));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.fail(`exited with code ${code}`);
    });
  }

  static async start(brokers: readonly string[]): Promise<ProducerThread> {
    const thread = new ProducerThread(brokers);
    await thread.reply();
    return thread;
  }

  /** Sends already serialized messages; resolves once Kafka has acknowledged all of them. */
  async send(topic: string, messages: Message[]): Promise<void> {
    const reply = this.reply();
    this.worker.postMessage({ topic, messages });
    await reply;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('stop');
    await exit;
  }

  private fail(error: string): void {
    for (const answer of this.replies.splice(0)) answer({ error });
  }

  private async reply(): Promise<void> {
    const { error } = await new Promise<{ sent?: number; error?: string }>((resolve) =>
      this.replies.push(resolve),
    );
    if (error) throw new Error(`producer thread: ${error}`);
  }
}
