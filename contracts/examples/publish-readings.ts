/**
 * An external producer publishing two sensor readings straight to Tributary's topic, with
 * nothing but @tributary/contracts. Run against the local stack: `npm run example:publish`.
 */
import { EventPublisher } from '@tributary/contracts';

async function main(): Promise<void> {
  const publisher = await EventPublisher.connect({
    brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(','),
    registryUrl: process.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:18081',
    clientId: 'example-greenhouse',
  });
  const at = new Date();
  const readings = [21.5, 21.7].map((temperature, i) => {
    const metadata = publisher.metadata(new Date(at.getTime() + i * 60_000));
    return {
      metadata,
      reading_id: metadata.event_id,
      sensor_id: 'greenhouse-7',
      timestamp: metadata.occurred_at,
      temperature,
      pressure: 1013.2,
      humidity: null,
      metrics: { battery_v: 3.61 },
      version: 1,
      client_id: null,
    };
  });
  await publisher.publish('telemetry.readings', readings);
  await publisher.disconnect();
  console.log(
    `published ${readings.length} readings: ${readings.map((r) => r.reading_id).join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
