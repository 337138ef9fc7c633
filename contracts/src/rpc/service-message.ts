import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * What travels on an internal hop (the gateway → sensor-ingest): the command with the service
 * credential both ends share (`SERVICE_CREDENTIAL`). The receiver opens every message with
 * `openServiceMessage` and refuses one without the credential before doing anything with it, so
 * reaching the port is not enough to record a reading.
 */
export interface ServiceMessage<T> {
  credential: string;
  command: T;
}

/** The shortest credential either end accepts: 32 characters of a generated secret. */
export const MIN_SERVICE_CREDENTIAL_LENGTH = 32;

export const sealServiceMessage = <T>(credential: string, command: T): ServiceMessage<T> => ({
  credential,
  command,
});

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The command of a message carrying `credential`, or `undefined` for anything else (no envelope,
 * another credential, a non-string). Compared in constant time over digests, so neither the
 * content nor the length of the credential leaks through timing.
 */
export function openServiceMessage(credential: string, message: unknown): unknown {
  if (typeof message !== 'object' || message === null) return undefined;
  const { credential: presented, command } = message as Partial<ServiceMessage<unknown>>;
  if (typeof presented !== 'string') return undefined;
  return timingSafeEqual(digest(presented), digest(credential)) ? command : undefined;
}
