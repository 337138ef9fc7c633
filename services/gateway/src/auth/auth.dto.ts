import { z } from 'zod';
import { ROLES } from './account';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy';

const email = z
  .email('must be an email address')
  .max(254)
  .transform((value) => value.toLowerCase())
  .meta({ example: 'ada@example.com' });

/** The rules a new password meets, wherever it is chosen. */
const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'must be at most 256 characters')
  .meta({ example: 'tidal-marsh-lantern-93' });

export const registerSchema = z
  .strictObject({
    email,
    password: newPassword,
    invite: z.string().min(1, 'must not be empty').max(256).optional().meta({
      description:
        'An invite token from an administrator (`trb_inv_…`): required where REGISTRATION=invite-only; the account gets its role',
    }),
  })
  .superRefine((body, ctx) => {
    const problem = passwordProblem(body.password, body.email);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type RegisterBody = z.output<typeof registerSchema>;

export const loginSchema = z.strictObject({
  email,
  password: z
    .string()
    .min(1, 'is required')
    .max(256)
    .meta({ example: 'correct horse battery staple' }),
});
export type LoginBody = z.output<typeof loginSchema>;

export const updateMeSchema = z.strictObject({
  current_password: z.string().min(1, 'is required').max(256),
  password: newPassword,
});
export type UpdateMeBody = z.output<typeof updateMeSchema>;

export const refreshSchema = z.strictObject({
  refresh_token: z.string().min(1, 'is required').max(512),
});
export type RefreshBody = z.output<typeof refreshSchema>;

export const registrationAcceptedSchema = z.object({
  status: z.literal('accepted'),
  detail: z.string(),
});
export type RegistrationAccepted = z.output<typeof registrationAcceptedSchema>;

export const tokensSchema = z.object({
  access_token: z.string().meta({ description: 'JWT; send as `Authorization: Bearer …`' }),
  refresh_token: z
    .string()
    .meta({ description: 'Opaque, single use: each refresh returns a new one' }),
  token_type: z.literal('Bearer'),
  expires_in: z
    .number()
    .int()
    .meta({ description: 'Seconds until the access token expires', example: 900 }),
});
export type Tokens = z.output<typeof tokensSchema>;

export const accountSchema = z.object({
  id: z.uuid(),
  email: z.string().meta({ example: 'ada@example.com' }),
  role: z.enum(ROLES),
  created_at: z.iso.datetime().meta({ example: '2026-11-22T10:00:00.000Z' }),
});
export type AccountView = z.output<typeof accountSchema>;

export const ACCOUNT_EXAMPLE: AccountView = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  email: 'ada@example.com',
  role: 'analyst',
  created_at: '2026-11-22T10:00:00.000Z',
};
