/**
 * Contract errors carry a stable `code` and whether retrying can help, like every Tributary
 * error, so a producer knows to fix its payload (never retriable) or wait for the registry.
 */
export class ContractError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
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
