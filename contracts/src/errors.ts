/**
 * Every Tributary error: a stable `code` (`<AREA>.<REASON>`, e.g. `CONTRACT.UNDECODABLE`) and
 * whether retrying can help, so a caller acts on either without parsing a message, and the cause
 * it wraps. Defined here, the lowest layer, so contracts, the platform and every service share it;
 * codes survive crossing a process (RPC, dead-letter headers, problem+json).
 */
export class TributaryError extends Error {
  readonly code: string;
  readonly retriable: boolean;

  constructor(
    code: string,
    message: string,
    options: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/**
 * Whether retrying `error` can help, as the error itself says; undefined when it says nothing (a
 * driver's or a runtime's error, not classified at the edge). What undefined means is each
 * caller's stated policy: a sink write retries it (an outage must not dead-letter events), a job
 * fails on it (a bug would otherwise loop).
 */
export function retriableOf(error: unknown): boolean | undefined {
  const retriable = (error as { retriable?: unknown } | null | undefined)?.retriable;
  return typeof retriable === 'boolean' ? retriable : undefined;
}

/**
 * The wait before retry number `attempt` (0-based): exponential from `initialMs`, capped at
 * `maxMs`, with jitter between half and all of it, so retrying replicas do not stampede together.
 */
export function backoffMs(
  attempt: number,
  { initialMs, maxMs }: { readonly initialMs: number; readonly maxMs: number },
  random: () => number = Math.random,
): number {
  return Math.min(maxMs, initialMs * 2 ** attempt) * (0.5 + random() / 2);
}

/** Errors of the contracts: a producer fixes its payload (never retriable) or waits for the registry. */
export class ContractError extends TributaryError {
  constructor(code: string, message: string, retriable: boolean, options?: { cause?: unknown }) {
    super(code, message, { retriable, cause: options?.cause });
  }
}

/** The event does not match its topic's schema; `problems` names each field. */
export class InvalidEventError extends ContractError {
  constructor(
    readonly topic: string,
    readonly problems: readonly string[],
  ) {
    super('CONTRACT.INVALID_EVENT', `invalid ${topic} event: ${problems.join('; ')}`, false);
  }
}

/** The registry refused a schema as incompatible with the subject's earlier versions. */
export class IncompatibleSchemaError extends ContractError {
  constructor(
    readonly subject: string,
    detail: string,
  ) {
    super(
      'CONTRACT.SCHEMA_INCOMPATIBLE',
      `schema for ${subject} is not compatible with its earlier versions: ${detail}`,
      false,
    );
  }
}

/** A message that cannot be decoded: not our wire format, or a schema id the registry lacks. */
export class UndecodableMessageError extends ContractError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONTRACT.UNDECODABLE', message, false, options);
  }
}

/** The registry could not be reached or answered with a server error. */
export class RegistryUnavailableError extends ContractError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONTRACT.REGISTRY_UNAVAILABLE', message, true, options);
  }
}
