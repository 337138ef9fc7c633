/**
 * Errors that cross a boundary carry two things a caller can act on without parsing a message:
 * a stable `code` (`<AREA>.<REASON>`, e.g. `CONFIG.INVALID`) and whether retrying can help.
 */
export class PlatformError extends Error {
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
