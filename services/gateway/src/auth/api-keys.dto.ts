import { DATASETS } from '@tributary/contracts';
import { z } from 'zod';
import { SCOPES } from './access';
import { ROLES } from './account';

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100).meta({ example: 'greenhouse-7 uplink' }),
  role: z.enum(ROLES).optional().meta({
    description:
      'The role whose scopes the key gets (unless `scopes` narrows them); defaults to yours. Only an admin may choose another.',
  }),
  scopes: z
    .array(z.enum(SCOPES))
    .min(1, 'must name at least one scope')
    .max(SCOPES.length)
    .optional()
    .meta({
      description:
        'What the key may do, within the role\'s scopes (default: all of them), e.g. `["ingest:sensors"]`.',
      example: ['ingest:sensors'],
    }),
  datasets: z
    .array(z.enum(DATASETS))
    .min(1, 'must name at least one dataset')
    .max(DATASETS.length)
    .optional()
    .meta({
      description: 'Limit the key to these datasets (uploads, quality reports); omit for any.',
      example: ['telemetry.readings'],
    }),
  expires_at: z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with a time zone' })
    .optional()
    .meta({
      description: 'When the key stops working; omit for never',
      example: '2027-11-22T00:00:00Z',
    }),
});
export type CreateApiKeyBody = z.output<typeof createApiKeySchema>;

export const apiKeyViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().meta({ description: 'Public part of the key, to tell keys apart' }),
  role: z.enum(ROLES),
  scopes: z.array(z.enum(SCOPES)),
  datasets: z.array(z.string()).nullable(),
  created_at: z.iso.datetime(),
  expires_at: z.iso.datetime().nullable(),
  revoked_at: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.output<typeof apiKeyViewSchema>;

export const API_KEY_EXAMPLE: ApiKeyView = {
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  name: 'greenhouse gateway',
  prefix: 'trb_3f9a1c0b7d2e',
  role: 'ingest',
  scopes: ['ingest:sensors'],
  datasets: null,
  created_at: '2026-11-22T10:00:00.000Z',
  expires_at: null,
  revoked_at: null,
};

export const issuedApiKeySchema = apiKeyViewSchema.extend({
  key: z.string().meta({
    description:
      'The key itself, shown this once only. Send it as `Authorization: ApiKey <key>` or `X-API-Key: <key>`.',
    example: 'trb_3f9a1c0b7d2e_…',
  }),
});
export type IssuedApiKey = z.output<typeof issuedApiKeySchema>;

export const apiKeyPageSchema = z.object({
  items: z.array(apiKeyViewSchema),
  next_cursor: z.null(),
});
