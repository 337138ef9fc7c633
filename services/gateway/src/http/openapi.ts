import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { describeAccess, ROUTE_ACCESS } from '../auth/access';
import { type z } from 'zod';
import { PROBLEM_TYPES, problemTypeUri, type ProblemSlug } from './problem';
import { apiSchema } from './validation';

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      description: 'Stable problem type; branch on it',
      enum: Object.keys(PROBLEM_TYPES).map((s) => problemTypeUri(s as ProblemSlug)),
    },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What happened and what to do, for a person' },
    instance: { type: 'string', description: 'The request path' },
    correlation_id: {
      type: 'string',
      description: 'Also in the x-correlation-id header and every log line',
    },
    errors: {
      type: 'array',
      description: 'Validation problems, one per field',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', example: 'readings[3].humidity' },
          message: { type: 'string' },
        },
      },
    },
  },
};

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
};

/**
 * The problems a read route can answer: a query that breaks its schema, missing or insufficient
 * credentials, the rate limit, and a store that did not answer (or is not set up yet).
 */
export const READ_PROBLEMS = [
  'validation-failed',
  'unauthorized',
  'forbidden',
  'rate-limited',
  'service-unavailable',
] as const satisfies readonly ProblemSlug[];

/** Documents the problem responses a route can give, each with its type and an example. */
export function ApiProblems(...slugs: ProblemSlug[]): MethodDecorator {
  return applyDecorators(
    ...slugs.map((slug) => {
      const { status, title, description } = PROBLEM_TYPES[slug];
      return ApiResponse({
        status,
        description: `${title}. ${description}`,
        headers:
          slug === 'rate-limited' || slug === 'service-unavailable' ? RETRY_AFTER : undefined,
        content: {
          'application/problem+json': {
            schema: PROBLEM_SCHEMA,
            example: { type: problemTypeUri(slug), title, status, detail: description },
          },
        },
      });
    }),
  );
}

/** A JSON success response documented from its zod schema. */
export function ApiJson(
  status: number,
  description: string,
  schema: z.ZodType,
  example?: unknown,
): MethodDecorator {
  return ApiResponse({
    status,
    description,
    content: {
      'application/json': {
        schema: apiSchema(schema),
        ...(example === undefined ? {} : { example }),
      },
    },
  });
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * Ends every operation's description with who may call it, from the access table the guard
 * applies (`describeAccess`): the one place a route's permission is written.
 */
export function describeRouteAccess(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const access = describeAccess(ROUTE_ACCESS[`${method.toUpperCase()} ${path}`]);
      operation.description = operation.description
        ? `${operation.description}\n\n${access}`
        : access;
    }
  }
  return document;
}
