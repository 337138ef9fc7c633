import { applyDecorators, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { describeIssues } from '@tributary/contracts';
import { z } from 'zod';
import { ProblemException } from './problem';

/**
 * Validates a body or query with a zod schema (compiled once, fast on 10,000 items) and answers a
 * 400 problem listing every issue by path when it does not match. The same schema documents the
 * route in OpenAPI (`apiSchema`), so the docs cannot drift from what is enforced.
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    return parseOrThrow(this.schema, value ?? {}, metadata.type === 'query' ? 'query' : 'body');
  }
}

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'path',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = describeIssues(result.error);
  throw new ProblemException(
    'validation-failed',
    `${errors.length} problem${errors.length === 1 ? '' : 's'} in the ${where}; see errors`,
    { errors },
  );
}

/** A route's `:id` checked against `schema` (a 400 naming `id` when it breaks it). */
export function parsePathId<S extends z.ZodType>(schema: S, id: string): z.output<S> {
  const path = parseOrThrow(z.object({ id: schema }), { id }, 'path') as { id: z.output<S> };
  return path.id;
}

/** The OpenAPI 3.0 schema of what a client sends (the input side of transforms). */
export function apiSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
}

/** One `@ApiQuery` per field of a query schema, with its description and example. */
export function ApiQueryFrom(schema: z.ZodObject): MethodDecorator {
  const json = apiSchema(schema) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({
        name,
        required: json.required?.includes(name) ?? false,
        schema: property,
        description: typeof property.description === 'string' ? property.description : undefined,
      }),
    ),
  );
}

export function ApiBodyFrom(
  schema: z.ZodType,
  examples?: Record<string, { summary: string; value: unknown }>,
): MethodDecorator {
  return ApiBody({ schema: apiSchema(schema), ...(examples ? { examples } : {}) });
}
