/**
 * Injection tokens of the gateway's connections, provided once by `GatewayModule` (global) and
 * injected by the feature modules' store factories.
 */
export const POSTGRES = Symbol('POSTGRES');
export const CLICKHOUSE = Symbol('CLICKHOUSE');
export const REDIS = Symbol('REDIS');
