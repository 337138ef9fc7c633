import { Partitioners, type ProducerConfig } from 'kafkajs';

let filterInstalled = false;

/**
 * kafkajs 2.2.4 schedules its request-queue check with a negative delay on Node ≥ 24
 * (tulios/kafkajs#1751, unfixed upstream). Node clamps it to 1 ms — what kafkajs meant, a check
 * on the next tick — but prints a TimeoutNegativeWarning on every connection. This drops that
 * one warning when kafkajs is on its stack and hands every other warning to Node's own handlers.
 */
export function ignoreKafkajsNegativeTimeoutWarning(): void {
  if (filterInstalled) return;
  filterInstalled = true;
  const handlers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'TimeoutNegativeWarning' && warning.stack?.includes('kafkajs')) return;
    for (const handler of handlers) handler(warning);
  });
}

/**
 * Producer settings every Tributary producer uses: idempotent, one request in flight (kafkajs's
 * idempotent producer reorders sequences otherwise, tulios/kafkajs#598), retries never capped
 * (capping them can break the idempotence guarantees; callers bound the wait with their own
 * deadline), and Java's murmur2 partitioner, so a key lands on the same partition whichever
 * client wrote it.
 */
export const IDEMPOTENT_PRODUCER: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 30_000 },
  createPartitioner: Partitioners.DefaultPartitioner,
};
