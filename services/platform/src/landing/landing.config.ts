import { z } from 'zod';
import { env } from '../config/config';

export const landingConfigSchema = z.object({
  /** Folder of the filesystem landing store (shared by the gateway and file-ingest). */
  LANDING_DIR: env.string(),
  /** Largest file accepted, in bytes (default 2 GiB). */
  MAX_FILE_BYTES: env.positiveInt().optional(),
});

export type LandingConfig = z.output<typeof landingConfigSchema>;

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 ** 3;
