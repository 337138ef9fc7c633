/**
 * The gateway's API as the console uses it: same origin only (the console is served by the
 * gateway), tokens in memory only, every error an `ApiError` carrying the problem+json body.
 */

/** RFC 9457 problem, as the gateway sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  correlation_id?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** Seconds from `Retry-After`, when the gateway said when to come back (429, 503). */
    readonly retryAfterS: number | null,
  ) {
    super(problem.detail ?? problem.title);
  }
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export type Role = 'admin' | 'steward' | 'analyst' | 'ingest';

export interface Me {
  id: string;
  email: string;
  role: Role;
  created_at: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export async function problemOf(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  let problem: Problem;
  try {
    problem = (await response.json()) as Problem;
  } catch {
    problem = { type: 'about:blank', title: response.statusText, status: response.status };
  }
  return new ApiError(
    response.status,
    problem,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/** What a person can do about an error, in a sentence. */
export function explain(error: unknown): string {
  if (!(error instanceof ApiError))
    return error instanceof TypeError
      ? 'The gateway cannot be reached. Check your connection and try again.'
      : String((error as Error)?.message ?? error);
  const detail = error.problem.detail ?? error.problem.title;
  const wait = error.retryAfterS ? ` Try again in ${error.retryAfterS} s.` : ' Try again shortly.';
  switch (error.status) {
    case 401:
      return 'Your session has ended. Sign in again.';
    case 403:
      return `Your role cannot do this: ${detail}`;
    case 413:
      return `Too large: ${detail}. Split the file, or compress it with gzip (.gz files are accepted).`;
    case 415:
      return `Unknown format: ${detail}. Send CSV, JSON, NDJSON or XLSX, optionally gzipped.`;
    case 429:
      return `Too many requests for now.${wait}`;
    case 503:
      return `The service is busy or partly unavailable: ${detail}.${wait}`;
    default:
      return error.problem.errors?.length
        ? error.problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ')
        : detail;
  }
}

type Listener = () => void;

/**
 * The signed-in session. The access and refresh tokens live in this object only: never in
 * localStorage, sessionStorage or a cookie, so a reload signs out (the price of keeping them out
 * of storage every script on the origin can read). The access token is refreshed shortly before
 * it expires and once on a 401; a refresh is single-flight because refresh tokens are single use
 * (presenting a spent one revokes the whole family).
 */
export class Session {
  private tokens: Tokens | null = null;
  private me_: Me | null = null;
  private refreshing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly base = '') {}

  get me(): Me | null {
    return this.me_;
  }

  onChange(listener: Listener): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  async signIn(email: string, password: string): Promise<Me> {
    const response = await fetch(`${this.base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw await problemOf(response);
    this.accept((await response.json()) as Tokens);
    this.me_ = await this.get<Me>('/v1/auth/me');
    this.changed();
    return this.me_;
  }

  signOut(): void {
    clearTimeout(this.timer);
    this.tokens = null;
    this.me_ = null;
    this.changed();
  }

  private accept(tokens: Tokens): void {
    this.tokens = tokens;
    clearTimeout(this.timer);
    // A minute early (or at half the lifetime for short ones), so a request never races expiry.
    const inMs = Math.max(5, Math.min(tokens.expires_in - 60, tokens.expires_in / 2)) * 1000;
    this.timer = setTimeout(() => void this.refresh().catch(() => this.signOut()), inMs);
  }

  /** Exchanges the refresh token for new tokens; concurrent callers share one exchange. */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const refreshToken = this.tokens?.refresh_token;
      if (!refreshToken)
        throw new ApiError(401, { type: 'unauthorized', title: 'Unauthorized', status: 401 }, null);
      const response = await fetch(`${this.base}/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: refreshToken }),
      });
      if (!response.ok) throw await problemOf(response);
      this.accept((await response.json()) as Tokens);
    })().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** The Authorization header of the current access token. */
  authorization(): string {
    if (!this.tokens)
      throw new ApiError(401, { type: 'unauthorized', title: 'Unauthorized', status: 401 }, null);
    return `Bearer ${this.tokens.access_token}`;
  }

  /** A request with the access token; a 401 refreshes once and retries, a second one signs out. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const send = () =>
      fetch(`${this.base}${path}`, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          authorization: this.authorization(),
        },
      });
    let response = await send();
    if (response.status === 401 && this.tokens) {
      try {
        await this.refresh();
      } catch {
        this.signOut();
        throw await problemOf(response);
      }
      response = await send();
    }
    if (!response.ok) throw await problemOf(response);
    return response;
  }

  async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    const search = params.size > 0 ? `?${params}` : '';
    return (await (await this.request(`${path}${search}`)).json()) as T;
  }

  async send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await this.request(path, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}
