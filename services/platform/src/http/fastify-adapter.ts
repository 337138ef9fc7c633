import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type FastifyServerOptions } from 'fastify';
import { correlationId } from '../logging/correlation-id';

/**
 * Nest's Fastify adapter with the platform's request ids: each request's id is its correlation id
 * (the caller's `x-correlation-id`, or a new one), echoed in the response and used in its logs.
 */
export function createFastifyAdapter(
  options: Omit<FastifyServerOptions, 'genReqId'> = {},
): FastifyAdapter {
  const adapter = new FastifyAdapter({ ...options, genReqId: correlationId });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header('x-correlation-id', request.id);
    done();
  });
  return adapter;
}
