import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configTable, withConfigTable } from '@tributary/platform';
import { type z } from 'zod';
import { projectorConfigSchema } from '../services/analytics-projector/src/config/projector.config';
import { directoryProjectorConfigSchema } from '../services/directory-projector/src/config/directory-projector.config';
import { fileIngestConfigSchema } from '../services/file-ingest/src/config/file-ingest.config';
import { gatewayConfigSchema } from '../services/gateway/src/config/gateway.config';
import { sensorIngestConfigSchema } from '../services/sensor-ingest/src/config/sensor-ingest.config';

/** Each long-running service's config schema: what compose, Kubernetes and its README follow. */
export const SERVICE_CONFIGS = {
  gateway: gatewayConfigSchema,
  'sensor-ingest': sensorIngestConfigSchema,
  'file-ingest': fileIngestConfigSchema,
  'analytics-projector': projectorConfigSchema,
  'directory-projector': directoryProjectorConfigSchema,
} as const satisfies Record<string, z.ZodObject>;

const ROOT = join(__dirname, '..');
export const readmeOf = (service: string): string => join(ROOT, 'services', service, 'README.md');

/** The service's README with its configuration table as its schema has it now. */
export function readmeWithConfig(service: keyof typeof SERVICE_CONFIGS): string {
  return withConfigTable(
    readFileSync(readmeOf(service), 'utf8'),
    configTable(SERVICE_CONFIGS[service]),
  );
}

// `npm run docs:config`: rewrites every service README's configuration table.
if (require.main === module) {
  for (const service of Object.keys(SERVICE_CONFIGS) as (keyof typeof SERVICE_CONFIGS)[]) {
    writeFileSync(readmeOf(service), readmeWithConfig(service));
    process.stdout.write(`${readmeOf(service)}: configuration table written\n`);
  }
}
