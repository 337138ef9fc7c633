import { z } from 'zod';
import { env } from '../config/config';
import { FilesystemLandingStore } from './filesystem-landing-store';
import { type LandingStore } from './landing-store';
import { S3LandingStore } from './s3-landing-store';

export const landingConfigSchema = z
  .object({
    LANDING_DIR: env
      .string()
      .optional()
      .describe('Folder of the filesystem landing store (shared by the gateway and file-ingest).'),
    LANDING_S3_BUCKET: env
      .string()
      .optional()
      .describe('A bucket of an S3-compatible object store instead: set it to land files there.'),
    LANDING_S3_PREFIX: z
      .string()
      .optional()
      .describe("Prefix of the landing store's keys in the bucket, e.g. `landing/` (unset: none)."),
    S3_ENDPOINT: env
      .url(['http', 'https'])
      .optional()
      .describe("The S3 API's address for a store other than AWS (path-style requests then)."),
    S3_REGION: env.string().default('us-east-1').describe("The bucket's region."),
    S3_ACCESS_KEY_ID: env
      .string()
      .optional()
      .describe(
        "The S3 access key, with S3_SECRET_ACCESS_KEY (both or neither); without them the AWS SDK's default chain applies (IAM roles…).",
      ),
    S3_SECRET_ACCESS_KEY: env.secret().optional().describe('With S3_ACCESS_KEY_ID.'),
    MAX_FILE_BYTES: env
      .positiveInt()
      .default(2 * 1024 ** 3)
      .describe(
        'Largest file accepted, in bytes (2 GiB): a larger upload is answered 413 and nothing of it is kept.',
      ),
  })
  .superRefine((config, ctx) => refineLandingConfig(config, ctx));

/** The rules across the landing variables; a service extending the shape applies them too. */
export function refineLandingConfig(
  config: {
    LANDING_DIR?: string | undefined;
    LANDING_S3_BUCKET?: string | undefined;
    S3_ACCESS_KEY_ID?: string | undefined;
    S3_SECRET_ACCESS_KEY?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (!config.LANDING_DIR && !config.LANDING_S3_BUCKET)
    ctx.addIssue({
      code: 'custom',
      path: ['LANDING_DIR'],
      message: 'is required unless LANDING_S3_BUCKET is set',
    });
  if (!config.S3_ACCESS_KEY_ID !== !config.S3_SECRET_ACCESS_KEY)
    ctx.addIssue({
      code: 'custom',
      path: [config.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
      message: 'is required with the other S3 key variable',
    });
}

export type LandingConfig = z.output<typeof landingConfigSchema>;

/** The configured landing store: S3 when a bucket is named (created if missing), else the folder. */
export async function createLandingStore(config: LandingConfig): Promise<LandingStore> {
  if (config.LANDING_S3_BUCKET) {
    const store = new S3LandingStore({
      bucket: config.LANDING_S3_BUCKET,
      region: config.S3_REGION,
      ...(config.LANDING_S3_PREFIX ? { prefix: config.LANDING_S3_PREFIX } : {}),
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      ...(config.S3_ACCESS_KEY_ID ? { accessKeyId: config.S3_ACCESS_KEY_ID } : {}),
      ...(config.S3_SECRET_ACCESS_KEY ? { secretAccessKey: config.S3_SECRET_ACCESS_KEY } : {}),
    });
    await store.ensureBucket();
    return store;
  }
  return new FilesystemLandingStore(config.LANDING_DIR!);
}
