/**
 * Kafka's own producer performance tool (org.apache.kafka.tools.ProducerPerformance) on the
 * stack's broker: the most a producer gets from this broker on this machine, measured in the same
 * run as the figure it is compared with. Shared by the benchmarks.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { EventCodec, VALID_EVENTS } from '@tributary/contracts';

const root = join(__dirname, '..', '..');

/** Bytes of one reading event in the wire format (what every benchmark's records weigh). */
export async function readingRecordSize(registryUrl: string): Promise<number> {
  const codec = new EventCodec({ registryUrl });
  await codec.register();
  return codec.encode('telemetry.readings', VALID_EVENTS['telemetry.readings']).length;
}

/**
 * `records` records of `size` bytes to a new 6-partition topic, acks=all, idempotent, as fast as
 * the tool goes: records/s.
 */
export function producerPerformance(broker: string, records: number, size: number): number {
  const libs = join(root, '.tributary', 'toolchain', 'kafka-3.9.2', 'libs', '*');
  const log4j = `-Dlog4j.configuration=file:${join(root, '.tributary', 'stack', 'conf', 'kafka-tools-log4j.properties')}`;
  const topic = `bench-baseline-${Date.now()}`;
  const java = (args: string[]) =>
    execFileSync('java', [log4j, '-cp', libs, ...args], { encoding: 'utf8' });
  java([
    'org.apache.kafka.tools.TopicCommand',
    ...['--bootstrap-server', broker, '--create', '--topic', topic],
    ...['--partitions', '6', '--replication-factor', '1'],
  ]);
  const out = java([
    'org.apache.kafka.tools.ProducerPerformance',
    ...['--topic', topic, '--num-records', String(records), '--record-size', String(size)],
    ...['--throughput', '-1', '--producer-props', `bootstrap.servers=${broker}`],
    ...['acks=all', 'enable.idempotence=true'],
  ]);
  const last = out.trim().split('\n').pop() ?? '';
  const match = /([\d.]+) records\/sec/.exec(last);
  if (!match) throw new Error(`unexpected ProducerPerformance output: ${last}`);
  java([
    'org.apache.kafka.tools.TopicCommand',
    ...['--bootstrap-server', broker, '--delete', '--topic', topic],
  ]);
  return Number(match[1]);
}
