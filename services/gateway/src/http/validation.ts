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
  const errors = !result.success
    ? describeIssues(result.error)
    : hasNonFinite(result.data)
      ? nonFiniteNumbers(result.data)
      : [];
  if (result.success && errors.length === 0) return result.data;
  throw new ProblemException(
    'validation-failed',
    `${errors.length} problem${errors.length === 1 ? '' : 's'} in the ${where}; see errors`,
    { errors },
  );
}

/**
 * Every number a schema produced that is not finite, by path. A query string is text, so a
 * parameter becomes a number only through a transform: should one ever let `1e309` or `NaN`
 * through, it is still the client's 400 here, never a store's refusal (a 500) further on.
 */
export function nonFiniteNumbers(value: unknown, path = ''): { path: string; message: string }[] {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? [] : [{ path, message: 'must be a finite number' }];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => nonFiniteNumbers(item, `${path}[${i}]`));
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) =>
      nonFiniteNumbers(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/**
 * Whether `value` holds a number that is not finite anywhere: the walk every valid body takes
 * (a 1,000-reading batch is ~5,000 values), so it builds no paths or arrays, which
 * `nonFiniteNumbers` does for the rare body that has one.
 */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value !== 'object' || value === null || value instanceof Date) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasNonFinite(item)) return true;
    return false;
  }
  for (const key in value)
    if (Object.hasOwn(value, key) && hasNonFinite((value as Record<string, unknown>)[key]))
      return true;
  return false;
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
