import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';

const ASSIGNED = new WeakMap<IncomingMessage, string>();
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's correlation id: the caller's `x-correlation-id` when it is a sane token, a new
 * UUID otherwise. Memoised per request, so Fastify's request id, the request logger and problem
 * responses all carry the same value.
 */
export function correlationId(req: IncomingMessage): string {
  let id = ASSIGNED.get(req);
  if (id === undefined) {
    const given = req.headers['x-correlation-id'];
    id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
    ASSIGNED.set(req, id);
  }
  return id;
}
