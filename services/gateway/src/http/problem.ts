/**
 * Every error the gateway answers is an RFC 9457 problem (`application/problem+json`). Its `type`
 * is one of the stable URIs below: clients branch on it, never on `title` or `detail`. Each type is
 * documented at its own URI (`GET /problems/<slug>`).
 */
export const PROBLEM_TYPES = {
  'validation-failed': {
    status: 400,
    title: 'The request is not valid',
    description:
      "A parameter or the body breaks the route's schema. `errors` lists every problem as `{path, message}`; a batch item is named by its index, e.g. `readings[3].humidity`. Unknown fields are refused.",
  },
  'malformed-body': {
    status: 400,
    title: 'The body cannot be read',
    description: 'The body is not valid JSON, or is empty where one is required.',
  },
  unauthorized: {
    status: 401,
    title: 'Authentication is required',
    description:
      'The access token or API key is missing, expired, tampered with or revoked, or the credentials are wrong. Log in (or refresh) and retry with `Authorization: Bearer <access_token>`.',
  },
  forbidden: {
    status: 403,
    title: 'Your role or key does not allow this',
    description:
      "The caller is authenticated but lacks the route's scope (see `docs/security.md`: reads need a role with the domain's `read:` scope, writes an `ingest:` scope, administration the admin role), or is an API key on a route only a signed-in person may use (API keys, the account profile, administration).",
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    description: 'No route, or no resource with that id.',
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    description: 'The resource already exists, e.g. an account with that email.',
  },
  'payload-too-large': {
    status: 413,
    title: 'The body is too large',
    description:
      "The body exceeds the gateway's limit (BODY_LIMIT_BYTES; split the batch), or an uploaded file exceeds MAX_FILE_BYTES (nothing of it is kept).",
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    description:
      'Send JSON bodies with `Content-Type: application/json`, and files to POST /v1/files as `multipart/form-data`.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    description:
      "The route class's limit for this account, API key or client address is used up. Wait the number of seconds in `Retry-After`.",
  },
  'service-unavailable': {
    status: 503,
    title: 'Temporarily unavailable',
    description:
      'A dependency (Kafka, sensor-ingest, ClickHouse, Postgres) did not answer in time. Nothing from this request was stored; retry after `Retry-After` seconds with the same ids.',
  },
  internal: {
    status: 500,
    title: 'Internal error',
    description: 'An unexpected failure; quote `correlation_id` when reporting it.',
  },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export const problemTypeUri = (slug: ProblemSlug): string => `/problems/${slug}`;

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  correlation_id?: string;
  errors?: FieldError[];
}

/** Thrown anywhere in the gateway to answer with a specific problem. */
export class ProblemException extends Error {
  constructor(
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly extras: { errors?: FieldError[] } = {},
    /** Response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export function problemBody(
  slug: ProblemSlug,
  detail: string,
  extras: { errors?: FieldError[]; instance?: string; correlation_id?: string } = {},
): Problem {
  const { status, title } = PROBLEM_TYPES[slug];
  return { type: problemTypeUri(slug), title, status, detail, ...extras };
}
