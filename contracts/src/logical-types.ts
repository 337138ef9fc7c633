import avro, { type Schema } from 'avsc';

/**
 * How Tributary's logical types look in TypeScript, for avsc and for the generated types alike:
 * - timestamp-millis ⇄ Date
 * - date ⇄ 'YYYY-MM-DD' string (a calendar day has no time zone to get wrong)
 * - decimal ⇄ string ('12.3400'): money stays exact; a JS number would round
 * - uuid ⇄ string, checked for the UUID form
 * A value that does not fit (an invalid Date, 2026-02-30, too many decimals) makes the record
 * invalid, and the codec names the field.
 */
export const LOGICAL_TYPE_TS_NAMES = {
  'timestamp-millis': 'Date',
  date: 'string',
  decimal: 'string',
  uuid: 'string',
} as const;

const DAY_MS = 86_400_000;
const identity = <T>(value: T): T => value;

/*
 * `_resolve(writerType)` says how a value the writer stored is read by this type. A writer of the
 * same logical type has already converted its value while reading, so it passes through as is; a
 * writer of the bare underlying type (an older or foreign schema) is converted here.
 */

class TimestampMillisType extends avro.types.LogicalType {
  override _fromValue(value: number): Date {
    return new Date(value);
  }
  override _toValue(value: unknown): number | undefined {
    return value instanceof Date && !Number.isNaN(value.getTime()) ? value.getTime() : undefined;
  }
  override _resolve(type: avro.Type) {
    if (avro.Type.isType(type, 'logical:timestamp-millis')) return identity;
    if (avro.Type.isType(type, 'long')) return this._fromValue;
    return undefined;
  }
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

class DateType extends avro.types.LogicalType {
  override _fromValue(days: number): string {
    return new Date(days * DAY_MS).toISOString().slice(0, 10);
  }
  override _toValue(value: unknown): number | undefined {
    if (typeof value !== 'string') return undefined;
    const match = CALENDAR_DATE.exec(value);
    if (!match) return undefined;
    const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    // Date.UTC rolls 2026-02-30 over to March; a round trip catches it.
    if (new Date(ms).toISOString().slice(0, 10) !== value) return undefined;
    return ms / DAY_MS;
  }
  override _resolve(type: avro.Type) {
    if (avro.Type.isType(type, 'logical:date')) return identity;
    if (avro.Type.isType(type, 'int')) return this._fromValue;
    return undefined;
  }
}

/** Big-endian two's complement in the fewest bytes, as the Avro spec stores a decimal. */
export function bigIntToBytes(n: bigint): Buffer {
  let length = 1;
  while (n >= 1n << BigInt(8 * length - 1) || n < -(1n << BigInt(8 * length - 1))) length++;
  const unsigned = n < 0n ? (1n << BigInt(8 * length)) + n : n;
  return Buffer.from(unsigned.toString(16).padStart(length * 2, '0'), 'hex');
}

export function bytesToBigInt(bytes: Buffer): bigint {
  if (bytes.length === 0) return 0n;
  const unsigned = BigInt(`0x${bytes.toString('hex')}`);
  return (bytes[0]! & 0x80) !== 0 ? unsigned - (1n << BigInt(8 * bytes.length)) : unsigned;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

class DecimalType extends avro.types.LogicalType {
  private readonly precision: number;
  private readonly scale: number;

  constructor(
    schema: Schema & { precision?: number; scale?: number },
    opts?: avro.ForSchemaOptions,
  ) {
    super(schema, opts);
    this.precision = schema.precision ?? 0;
    this.scale = schema.scale ?? 0;
    if (!Number.isInteger(this.precision) || this.precision < 1)
      throw new Error('decimal needs a precision ≥ 1');
    if (!Number.isInteger(this.scale) || this.scale < 0 || this.scale > this.precision) {
      throw new Error('decimal scale must be between 0 and the precision');
    }
  }

  override _fromValue(bytes: Buffer): string {
    const unscaled = bytesToBigInt(bytes);
    const negative = unscaled < 0n;
    const digits = (negative ? -unscaled : unscaled).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale);
    return `${negative ? '-' : ''}${whole}${this.scale > 0 ? `.${fraction}` : ''}`;
  }

  override _toValue(value: unknown): Buffer | undefined {
    if (typeof value !== 'string') return undefined;
    const match = DECIMAL.exec(value);
    if (!match) return undefined;
    const [, sign, whole, fraction = ''] = match;
    if (fraction.length > this.scale) return undefined;
    const digits = `${whole}${fraction.padEnd(this.scale, '0')}`.replace(/^0+(?=\d)/, '');
    if (digits.length > this.precision) return undefined;
    return bigIntToBytes(BigInt(`${sign}${digits}`));
  }

  override _resolve(type: avro.Type) {
    // Same scale, no wider precision: the writer's decimal string is already what we would make.
    if (
      avro.Type.isType(type, 'logical:decimal') &&
      (type as DecimalType).scale === this.scale &&
      (type as DecimalType).precision <= this.precision
    ) {
      return identity;
    }
    return undefined;
  }

  override _export(attrs: Schema): void {
    Object.assign(attrs as object, { precision: this.precision, scale: this.scale });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class UuidType extends avro.types.LogicalType {
  override _fromValue(value: string): string {
    return value;
  }
  override _toValue(value: unknown): string | undefined {
    return typeof value === 'string' && UUID.test(value) ? value : undefined;
  }
  override _resolve(type: avro.Type) {
    if (avro.Type.isType(type, 'string', 'logical:uuid')) return identity;
    return undefined;
  }
}

/** avsc `logicalTypes` option: pass to every `Type.forSchema` and to the registry client. */
export const logicalTypes = {
  'timestamp-millis': TimestampMillisType,
  date: DateType,
  decimal: DecimalType,
  uuid: UuidType,
} as unknown as Record<
  string,
  new (schema: Schema, opts?: avro.ForSchemaOptions) => avro.types.LogicalType
>;
