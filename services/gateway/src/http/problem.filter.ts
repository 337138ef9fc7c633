import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import {
  isClickHouseResultTooLarge,
  isClickHouseUnavailable,
  isPostgresUnavailable,
} from '@tributary/platform';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { problemBody, ProblemException, type Problem, type ProblemSlug } from './problem';

const SLUG_BY_STATUS: Partial<Record<number, ProblemSlug>> = {
  400: 'validation-failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  503: 'service-unavailable',
};

/** Fastify's own request errors (raised before a route runs), by their code. */
const FASTIFY_ERRORS: Record<string, { slug: ProblemSlug; detail: (e: Error) => string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { slug: 'malformed-body', detail: (e) => e.message },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    slug: 'malformed-body',
    detail: () => 'the body is empty but Content-Type says JSON',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    slug: 'payload-too-large',
    detail: () => 'the body is larger than this gateway accepts',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    slug: 'unsupported-media-type',
    detail: (e) => e.message,
  },
  // @fastify/multipart's errors, raised while an upload is read.
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    slug: 'unsupported-media-type',
    detail: () => 'send files as multipart/form-data',
  },
  FST_REQ_FILE_TOO_LARGE: {
    slug: 'payload-too-large',
    detail: () => 'a file is larger than this gateway accepts (MAX_FILE_BYTES)',
  },
  FST_FILES_LIMIT: { slug: 'payload-too-large', detail: () => 'too many files in one request' },
  FST_FIELDS_LIMIT: { slug: 'payload-too-large', detail: () => 'too many form fields' },
  FST_PARTS_LIMIT: { slug: 'payload-too-large', detail: () => 'too many parts' },
  FST_PROTO_VIOLATION: {
    slug: 'malformed-body',
    detail: () => 'the multipart body is malformed',
  },
};

export interface RenderedProblem {
  status: number;
  body: Problem;
  headers: Record<string, string>;
}

/**
 * Turns anything thrown while serving a request into the problem the client sees. Known failures
 * keep their detail; anything else is a 500 whose detail reveals nothing internal.
 */
export function renderProblem(error: unknown, request: FastifyRequest): RenderedProblem {
  const extras = { instance: request.url, correlation_id: String(request.id) };
  if (error instanceof ProblemException) {
    const body = problemBody(error.slug, error.detail, { ...error.extras, ...extras });
    return { status: body.status, body, headers: error.headers };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest's Fastify adapter reports an unparseable JSON body as a plain 400.
    if (status === 400 && /JSON/.test(error.message)) {
      const body = problemBody('malformed-body', error.message, extras);
      return { status, body, headers: {} };
    }
    const slug = SLUG_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'validation-failed');
    const body = problemBody(slug, httpDetail(status, error, request), extras);
    return { status, body, headers: {} };
  }
  const code = (error as { code?: unknown } | null)?.code;
  // The router refuses a path it cannot decode or whose segment is too long before any route.
  if (code === 'FST_ERR_BAD_URL' || code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const message =
      code === 'FST_ERR_BAD_URL'
        ? 'is not valid percent-encoded UTF-8'
        : 'has a segment longer than 512 characters';
    const body = problemBody('validation-failed', '1 problem in the path; see errors', {
      ...extras,
      errors: [{ path: 'path', message }],
    });
    return { status: 400, body, headers: {} };
  }
  const known = typeof code === 'string' ? FASTIFY_ERRORS[code] : undefined;
  if (known && error instanceof Error) {
    const body = problemBody(known.slug, known.detail(error), extras);
    return { status: body.status, body, headers: {} };
  }
  // A JSON syntax error from the body parser carries a 4xx status of its own.
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (error instanceof SyntaxError && statusCode === 400) {
    const body = problemBody(
      'malformed-body',
      `the body is not valid JSON: ${error.message}`,
      extras,
    );
    return { status: 400, body, headers: {} };
  }
  if (isClickHouseResultTooLarge(error)) {
    // The API's ClickHouse user caps one answer (its api_reader profile): a retry gets the same.
    const body = problemBody(
      'service-unavailable',
      'the answer would be larger than the analytics store gives one query; narrow the query (a shorter range, one id, a smaller page)',
      extras,
    );
    return { status: 503, body, headers: {} };
  }
  const analyticsDown = isClickHouseUnavailable(error);
  const accountsDown = isPostgresUnavailable(error);
  if (analyticsDown || accountsDown) {
    // A bare socket error (connection refused or reset) could come from either store.
    const detail = !accountsDown
      ? 'the analytics store did not answer in time or cannot be reached; retry shortly, or narrow the query (a shorter range, one id)'
      : !analyticsDown
        ? 'the accounts and jobs store cannot be reached or did not answer in time; retry shortly'
        : 'a store this request needs cannot be reached; retry shortly, or narrow the query (a shorter range, one id)';
    const body = problemBody('service-unavailable', detail, extras);
    return { status: 503, body, headers: { 'Retry-After': '5' } };
  }
  const body = problemBody('internal', 'the gateway failed unexpectedly', extras);
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body, headers: {} };
}

function httpDetail(status: number, error: HttpException, request: FastifyRequest): string {
  switch (status) {
    case 404:
      return error.message.startsWith('Cannot ')
        ? `no route ${request.method} ${request.url.split('?')[0]}; GET /v1 lists the routes`
        : error.message;
    case 401:
      return 'a valid access token or API key is required';
    case 429:
      return 'the rate limit for this route is used up; retry after Retry-After seconds';
    default:
      return error.message;
  }
}

export function sendProblem(reply: FastifyReply, problem: RenderedProblem): void {
  void reply
    .status(problem.status)
    .headers(problem.headers)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify(problem.body));
}

/** The one place errors become responses; also installed as Fastify's own error handler. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const problem = renderProblem(error, request);
    if (error instanceof ProblemException && problem.status >= 500) {
      // A known outage (503): its detail says everything; no stack trace.
      this.log.warn({ correlation_id: request.id, detail: error.detail }, 'request refused');
    } else if (problem.status >= 500) {
      this.log.error({ err: error, correlation_id: request.id }, 'request failed');
    }
    sendProblem(http.getResponse<FastifyReply>(), problem);
  }
}
