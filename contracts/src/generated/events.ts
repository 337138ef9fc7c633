// Generated from contracts/schemas by contracts/src/tools/generate-types.ts. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export namespace TributaryCommon {
    export const SourceKindSchema = "{\"type\":\"enum\",\"name\":\"SourceKind\",\"doc\":\"http: the gateway's API; file: an upload or the inbox folder; sftp: a polled SFTP server; stream: an external producer publishing to the topic.\",\"symbols\":[\"http\",\"file\",\"sftp\",\"stream\"],\"namespace\":\"tributary.common\"}";
    export const SourceKindName = "tributary.common.SourceKind";
    /**
     * http: the gateway's API; file: an upload or the inbox folder; sftp: a polled SFTP server; stream: an external producer publishing to the topic.
     */
    export type SourceKind = "http" | "file" | "sftp" | "stream";
    export const EventSourceSchema = "{\"type\":\"record\",\"name\":\"EventSource\",\"namespace\":\"tributary.common\",\"doc\":\"The entry point of an event and a reference back to it.\",\"fields\":[{\"name\":\"kind\",\"doc\":\"The entry point.\",\"type\":{\"type\":\"enum\",\"name\":\"SourceKind\",\"doc\":\"http: the gateway's API; file: an upload or the inbox folder; sftp: a polled SFTP server; stream: an external producer publishing to the topic.\",\"symbols\":[\"http\",\"file\",\"sftp\",\"stream\"],\"namespace\":\"tributary.common\"}},{\"name\":\"reference\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"What to look up to trace the event back: the ingest job id for files, the request id for HTTP, the producer's name for streams.\"},{\"name\":\"row_number\",\"type\":[\"null\",\"long\"],\"default\":null,\"doc\":\"Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array); for file and SFTP sources.\"}]}";
    export const EventSourceName = "tributary.common.EventSource";
    /**
     * The entry point of an event and a reference back to it.
     */
    export interface EventSource {
        /**
         * The entry point.
         */
        kind: TributaryCommon.SourceKind;
        /**
         * What to look up to trace the event back: the ingest job id for files, the request id for HTTP, the producer's name for streams.
         *
         * Default: null
         */
        reference: null | string;
        /**
         * Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array); for file and SFTP sources.
         *
         * Default: null
         */
        row_number: null | number;
    }
    export const EventMetadataSchema = "{\"type\":\"record\",\"name\":\"EventMetadata\",\"namespace\":\"tributary.common\",\"doc\":\"The envelope every Tributary event carries as its first field. Also mirrored into Kafka headers for tracing tools.\",\"fields\":[{\"name\":\"event_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Idempotency key: the same fact always has the same id. Derived from dataset, file checksum and row number for file rows; from the client's idempotency key or assigned by the gateway for HTTP.\"},{\"name\":\"occurred_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the fact happened in the world (the reading's time, the sale's date), UTC.\"},{\"name\":\"ingested_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When Tributary accepted the fact, UTC.\"},{\"name\":\"source\",\"type\":{\"type\":\"record\",\"name\":\"EventSource\",\"namespace\":\"tributary.common\",\"doc\":\"The entry point of an event and a reference back to it.\",\"fields\":[{\"name\":\"kind\",\"doc\":\"The entry point.\",\"type\":{\"type\":\"enum\",\"name\":\"SourceKind\",\"doc\":\"http: the gateway's API; file: an upload or the inbox folder; sftp: a polled SFTP server; stream: an external producer publishing to the topic.\",\"symbols\":[\"http\",\"file\",\"sftp\",\"stream\"],\"namespace\":\"tributary.common\"}},{\"name\":\"reference\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"What to look up to trace the event back: the ingest job id for files, the request id for HTTP, the producer's name for streams.\"},{\"name\":\"row_number\",\"type\":[\"null\",\"long\"],\"default\":null,\"doc\":\"Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array); for file and SFTP sources.\"}]},\"doc\":\"Where the fact entered Tributary.\"},{\"name\":\"trace_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Correlation id of the request or job that produced the event, carried into every log line about it.\"}]}";
    export const EventMetadataName = "tributary.common.EventMetadata";
    /**
     * The envelope every Tributary event carries as its first field. Also mirrored into Kafka headers for tracing tools.
     */
    export interface EventMetadata {
        /**
         * Idempotency key: the same fact always has the same id. Derived from dataset, file checksum and row number for file rows; from the client's idempotency key or assigned by the gateway for HTTP.
         */
        event_id: string;
        /**
         * When the fact happened in the world (the reading's time, the sale's date), UTC.
         */
        occurred_at: Date;
        /**
         * When Tributary accepted the fact, UTC.
         */
        ingested_at: Date;
        /**
         * Where the fact entered Tributary.
         */
        source: TributaryCommon.EventSource;
        /**
         * Correlation id of the request or job that produced the event, carried into every log line about it.
         *
         * Default: null
         */
        trace_id: null | string;
    }
    export const BatchMetadataSchema = "{\"type\":\"record\",\"name\":\"BatchMetadata\",\"namespace\":\"tributary.common\",\"doc\":\"The envelope of a batch event: what its items share. An item's own EventMetadata is this with the item's event_id, occurred_at and row_number (ItemMetadata).\",\"fields\":[{\"name\":\"batch_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Idempotency key of the batch as published; its items keep their own event ids, which decide duplicates.\"},{\"name\":\"ingested_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When Tributary accepted the items, UTC.\"},{\"name\":\"source\",\"type\":\"tributary.common.EventSource\",\"doc\":\"Where the items entered Tributary; source.row_number is null here and given per item.\"},{\"name\":\"trace_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Correlation id of the request or job that produced the items.\"}]}";
    export const BatchMetadataName = "tributary.common.BatchMetadata";
    /**
     * The envelope of a batch event: what its items share. An item's own EventMetadata is this with the item's event_id, occurred_at and row_number (ItemMetadata).
     */
    export interface BatchMetadata {
        /**
         * Idempotency key of the batch as published; its items keep their own event ids, which decide duplicates.
         */
        batch_id: string;
        /**
         * When Tributary accepted the items, UTC.
         */
        ingested_at: Date;
        /**
         * Where the items entered Tributary; source.row_number is null here and given per item.
         */
        source: TributaryCommon.EventSource;
        /**
         * Correlation id of the request or job that produced the items.
         *
         * Default: null
         */
        trace_id: null | string;
    }
    export const ItemMetadataSchema = "{\"type\":\"record\",\"name\":\"ItemMetadata\",\"namespace\":\"tributary.common\",\"doc\":\"What each item of a batch event keeps of its own EventMetadata; the rest is the batch's (BatchMetadata).\",\"fields\":[{\"name\":\"event_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The item's event id, exactly as its per-event form would carry it.\"},{\"name\":\"occurred_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the item's fact happened, UTC.\"},{\"name\":\"row_number\",\"type\":[\"null\",\"long\"],\"default\":null,\"doc\":\"Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array); for file and SFTP sources.\"}]}";
    export const ItemMetadataName = "tributary.common.ItemMetadata";
    /**
     * What each item of a batch event keeps of its own EventMetadata; the rest is the batch's (BatchMetadata).
     */
    export interface ItemMetadata {
        /**
         * The item's event id, exactly as its per-event form would carry it.
         */
        event_id: string;
        /**
         * When the item's fact happened, UTC.
         */
        occurred_at: Date;
        /**
         * Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array); for file and SFTP sources.
         *
         * Default: null
         */
        row_number: null | number;
    }
}

export namespace TributaryEv {
    export const UserUpsertedSchema = "{\"type\":\"record\",\"name\":\"UserUpserted\",\"namespace\":\"tributary.ev\",\"doc\":\"An EV charging user was created or updated; the latest event per user_id is the user's state.\",\"fields\":[{\"name\":\"metadata\",\"type\":{\"type\":\"record\",\"name\":\"EventMetadata\",\"namespace\":\"tributary.common\",\"doc\":\"The envelope every Tributary event carries as its first field. Also mirrored into Kafka headers for tracing tools.\",\"fields\":[{\"name\":\"event_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Idempotency key: the same fact always has the same id. Derived from dataset, file checksum and row number for file rows; from the client's idempotency key or assigned by the gateway for HTTP.\"},{\"name\":\"occurred_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the fact happened in the world (the reading's time, the sale's date), UTC.\"},{\"name\":\"ingested_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When Tributary accepted the fact, UTC.\"},{\"name\":\"source\",\"type\":{\"type\":\"record\",\"name\":\"EventSource\",\"namespace\":\"tributary.common\",\"doc\":\"The entry point of an event and a reference back to it.\",\"fields\":[{\"name\":\"kind\",\"doc\":\"The entry point.\",\"type\":{\"type\":\"enum\",\"name\":\"SourceKind\",\"doc\":\"http: the gateway's API; file: an upload or the inbox folder; sftp: a polled SFTP server; stream: an external producer publishing to the topic.\",\"symbols\":[\"http\",\"file\",\"sftp\",\"stream\"],\"namespace\":\"tributary.common\"}},{\"name\":\"reference\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"What to look up to trace the event back: the ingest job id for files, the request id for HTTP, the producer's name for streams.\"},{\"name\":\"row_number\",\"type\":[\"null\",\"long\"],\"default\":null,\"doc\":\"Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array); for file and SFTP sources.\"}]},\"doc\":\"Where the fact entered Tributary.\"},{\"name\":\"trace_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Correlation id of the request or job that produced the event, carried into every log line about it.\"}]},\"doc\":\"Event envelope.\"},{\"name\":\"user_id\",\"type\":\"string\",\"doc\":\"The user; the compacted topic's key.\"},{\"name\":\"first_name\",\"type\":\"string\",\"doc\":\"Given name.\"},{\"name\":\"last_name\",\"type\":\"string\",\"doc\":\"Family name.\"},{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Contact email, as given.\"},{\"name\":\"phone\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Contact phone, as given.\"},{\"name\":\"signup_date\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],\"default\":null,\"doc\":\"Day the user signed up.\"}]}";
    export const UserUpsertedName = "tributary.ev.UserUpserted";
    /**
     * An EV charging user was created or updated; the latest event per user_id is the user's state.
     */
    export interface UserUpserted {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The user; the compacted topic's key.
         */
        user_id: string;
        /**
         * Given name.
         */
        first_name: string;
        /**
         * Family name.
         */
        last_name: string;
        /**
         * Contact email, as given.
         *
         * Default: null
         */
        email: null | string;
        /**
         * Contact phone, as given.
         *
         * Default: null
         */
        phone: null | string;
        /**
         * Day the user signed up.
         *
         * Default: null
         */
        signup_date: null | string;
    }
    export const ChargerUpsertedSchema = "{\"type\":\"record\",\"name\":\"ChargerUpserted\",\"namespace\":\"tributary.ev\",\"doc\":\"A charger was created or updated; the latest event per charger_id is the charger's state.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"charger_id\",\"type\":\"string\",\"doc\":\"The charger; the compacted topic's key.\"},{\"name\":\"name\",\"type\":\"string\",\"doc\":\"Display name of the charger or its site.\"},{\"name\":\"city\",\"type\":\"string\",\"doc\":\"City the charger stands in.\"},{\"name\":\"address\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Street address.\"},{\"name\":\"latitude\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"WGS 84 latitude, degrees (-90 to 90).\"},{\"name\":\"longitude\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"WGS 84 longitude, degrees (-180 to 180).\"},{\"name\":\"power_kw\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Maximum charging power, kW.\"},{\"name\":\"connector_type\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Connector standard, e.g. CCS2, CHAdeMO, Type2 (open list: new standards appear).\"}]}";
    export const ChargerUpsertedName = "tributary.ev.ChargerUpserted";
    /**
     * A charger was created or updated; the latest event per charger_id is the charger's state.
     */
    export interface ChargerUpserted {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The charger; the compacted topic's key.
         */
        charger_id: string;
        /**
         * Display name of the charger or its site.
         */
        name: string;
        /**
         * City the charger stands in.
         */
        city: string;
        /**
         * Street address.
         *
         * Default: null
         */
        address: null | string;
        /**
         * WGS 84 latitude, degrees (-90 to 90).
         *
         * Default: null
         */
        latitude: null | number;
        /**
         * WGS 84 longitude, degrees (-180 to 180).
         *
         * Default: null
         */
        longitude: null | number;
        /**
         * Maximum charging power, kW.
         *
         * Default: null
         */
        power_kw: null | number;
        /**
         * Connector standard, e.g. CCS2, CHAdeMO, Type2 (open list: new standards appear).
         *
         * Default: null
         */
        connector_type: null | string;
    }
    export const ChargingSessionRecordedSchema = "{\"type\":\"record\",\"name\":\"ChargingSessionRecorded\",\"namespace\":\"tributary.ev\",\"doc\":\"A charging session (an EV transaction) took place.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"transaction_id\",\"type\":\"string\",\"doc\":\"The session; the topic's key.\"},{\"name\":\"user_id\",\"type\":\"string\",\"doc\":\"Who charged.\"},{\"name\":\"charger_id\",\"type\":\"string\",\"doc\":\"Where they charged.\"},{\"name\":\"start_time\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Start of the session, UTC.\"},{\"name\":\"end_time\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"End of the session, UTC; null while unknown.\"},{\"name\":\"energy_kwh\",\"type\":\"double\",\"doc\":\"Energy delivered, kWh.\"},{\"name\":\"cost\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4}],\"default\":null,\"doc\":\"Price charged, exact decimal in `currency`.\"},{\"name\":\"currency\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"ISO 4217 code of `cost`, e.g. EUR.\"}]}";
    export const ChargingSessionRecordedName = "tributary.ev.ChargingSessionRecorded";
    /**
     * A charging session (an EV transaction) took place.
     */
    export interface ChargingSessionRecorded {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The session; the topic's key.
         */
        transaction_id: string;
        /**
         * Who charged.
         */
        user_id: string;
        /**
         * Where they charged.
         */
        charger_id: string;
        /**
         * Start of the session, UTC.
         */
        start_time: Date;
        /**
         * End of the session, UTC; null while unknown.
         *
         * Default: null
         */
        end_time: null | Date;
        /**
         * Energy delivered, kWh.
         */
        energy_kwh: number;
        /**
         * Price charged, exact decimal in `currency`.
         *
         * Default: null
         */
        cost: null | string;
        /**
         * ISO 4217 code of `cost`, e.g. EUR.
         *
         * Default: null
         */
        currency: null | string;
    }
    export const ChargingSessionRecordedItemSchema = "{\"type\":\"record\",\"name\":\"ChargingSessionRecordedItem\",\"doc\":\"One ChargingSessionRecorded: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":{\"type\":\"record\",\"name\":\"ItemMetadata\",\"namespace\":\"tributary.common\",\"doc\":\"What each item of a batch event keeps of its own EventMetadata; the rest is the batch's (BatchMetadata).\",\"fields\":[{\"name\":\"event_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The item's event id, exactly as its per-event form would carry it.\"},{\"name\":\"occurred_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the item's fact happened, UTC.\"},{\"name\":\"row_number\",\"type\":[\"null\",\"long\"],\"default\":null,\"doc\":\"Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array); for file and SFTP sources.\"}]},\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"transaction_id\",\"type\":\"string\",\"doc\":\"The session; the topic's key.\"},{\"name\":\"user_id\",\"type\":\"string\",\"doc\":\"Who charged.\"},{\"name\":\"charger_id\",\"type\":\"string\",\"doc\":\"Where they charged.\"},{\"name\":\"start_time\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Start of the session, UTC.\"},{\"name\":\"end_time\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"End of the session, UTC; null while unknown.\"},{\"name\":\"energy_kwh\",\"type\":\"double\",\"doc\":\"Energy delivered, kWh.\"},{\"name\":\"cost\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4}],\"default\":null,\"doc\":\"Price charged, exact decimal in `currency`.\"},{\"name\":\"currency\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"ISO 4217 code of `cost`, e.g. EUR.\"}],\"namespace\":\"tributary.ev\"}";
    export const ChargingSessionRecordedItemName = "tributary.ev.ChargingSessionRecordedItem";
    /**
     * One ChargingSessionRecorded: its own metadata, then the event's fields.
     */
    export interface ChargingSessionRecordedItem {
        /**
         * The item's own part of its EventMetadata.
         */
        meta: TributaryCommon.ItemMetadata;
        /**
         * The session; the topic's key.
         */
        transaction_id: string;
        /**
         * Who charged.
         */
        user_id: string;
        /**
         * Where they charged.
         */
        charger_id: string;
        /**
         * Start of the session, UTC.
         */
        start_time: Date;
        /**
         * End of the session, UTC; null while unknown.
         *
         * Default: null
         */
        end_time: null | Date;
        /**
         * Energy delivered, kWh.
         */
        energy_kwh: number;
        /**
         * Price charged, exact decimal in `currency`.
         *
         * Default: null
         */
        cost: null | string;
        /**
         * ISO 4217 code of `cost`, e.g. EUR.
         *
         * Default: null
         */
        currency: null | string;
    }
    export const ChargingSessionsRecordedSchema = "{\"type\":\"record\",\"name\":\"ChargingSessionsRecorded\",\"namespace\":\"tributary.ev\",\"doc\":\"ChargingSessionRecorded events in one message, each keeping its own id, time and row. Generated from ev/charging-session-recorded.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.\",\"fields\":[{\"name\":\"key\",\"type\":\"string\",\"doc\":\"The message's Kafka key: its first item's. Every item's key falls in the message's partition.\"},{\"name\":\"batch\",\"type\":{\"type\":\"record\",\"name\":\"BatchMetadata\",\"namespace\":\"tributary.common\",\"doc\":\"The envelope of a batch event: what its items share. An item's own EventMetadata is this with the item's event_id, occurred_at and row_number (ItemMetadata).\",\"fields\":[{\"name\":\"batch_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Idempotency key of the batch as published; its items keep their own event ids, which decide duplicates.\"},{\"name\":\"ingested_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When Tributary accepted the items, UTC.\"},{\"name\":\"source\",\"type\":\"tributary.common.EventSource\",\"doc\":\"Where the items entered Tributary; source.row_number is null here and given per item.\"},{\"name\":\"trace_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Correlation id of the request or job that produced the items.\"}]},\"doc\":\"What the items share.\"},{\"name\":\"items\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"ChargingSessionRecordedItem\",\"doc\":\"One ChargingSessionRecorded: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":{\"type\":\"record\",\"name\":\"ItemMetadata\",\"namespace\":\"tributary.common\",\"doc\":\"What each item of a batch event keeps of its own EventMetadata; the rest is the batch's (BatchMetadata).\",\"fields\":[{\"name\":\"event_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The item's event id, exactly as its per-event form would carry it.\"},{\"name\":\"occurred_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the item's fact happened, UTC.\"},{\"name\":\"row_number\",\"type\":[\"null\",\"long\"],\"default\":null,\"doc\":\"Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array); for file and SFTP sources.\"}]},\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"transaction_id\",\"type\":\"string\",\"doc\":\"The session; the topic's key.\"},{\"name\":\"user_id\",\"type\":\"string\",\"doc\":\"Who charged.\"},{\"name\":\"charger_id\",\"type\":\"string\",\"doc\":\"Where they charged.\"},{\"name\":\"start_time\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Start of the session, UTC.\"},{\"name\":\"end_time\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"End of the session, UTC; null while unknown.\"},{\"name\":\"energy_kwh\",\"type\":\"double\",\"doc\":\"Energy delivered, kWh.\"},{\"name\":\"cost\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4}],\"default\":null,\"doc\":\"Price charged, exact decimal in `currency`.\"},{\"name\":\"currency\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"ISO 4217 code of `cost`, e.g. EUR.\"}],\"namespace\":\"tributary.ev\"}},\"doc\":\"The events, in the order they were published.\"}]}";
    export const ChargingSessionsRecordedName = "tributary.ev.ChargingSessionsRecorded";
    /**
     * ChargingSessionRecorded events in one message, each keeping its own id, time and row. Generated from ev/charging-session-recorded.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.
     */
    export interface ChargingSessionsRecorded {
        /**
         * The message's Kafka key: its first item's. Every item's key falls in the message's partition.
         */
        key: string;
        /**
         * What the items share.
         */
        batch: TributaryCommon.BatchMetadata;
        /**
         * The events, in the order they were published.
         */
        items: TributaryEv.ChargingSessionRecordedItem[];
    }
}

export namespace TributaryBanking {
    export const ClientUpsertedSchema = "{\"type\":\"record\",\"name\":\"ClientUpserted\",\"namespace\":\"tributary.banking\",\"doc\":\"A bank client was created or updated; the latest event per client_id is the client's state.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"client_id\",\"type\":\"string\",\"doc\":\"The client; the compacted topic's key.\"},{\"name\":\"name\",\"type\":\"string\",\"doc\":\"Client's full name or company name.\"},{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Contact email.\"},{\"name\":\"country\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Country, ISO 3166-1 alpha-2 where given so.\"},{\"name\":\"created_at\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"When the client was created at the bank, UTC.\"}]}";
    export const ClientUpsertedName = "tributary.banking.ClientUpserted";
    /**
     * A bank client was created or updated; the latest event per client_id is the client's state.
     */
    export interface ClientUpserted {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The client; the compacted topic's key.
         */
        client_id: string;
        /**
         * Client's full name or company name.
         */
        name: string;
        /**
         * Contact email.
         *
         * Default: null
         */
        email: null | string;
        /**
         * Country, ISO 3166-1 alpha-2 where given so.
         *
         * Default: null
         */
        country: null | string;
        /**
         * When the client was created at the bank, UTC.
         *
         * Default: null
         */
        created_at: null | Date;
    }
    export const TransactionTypeSchema = "{\"type\":\"enum\",\"name\":\"TransactionType\",\"doc\":\"deposit/withdrawal move cash; transfer and payment move money to another party; fee and interest are booked by the bank.\",\"symbols\":[\"deposit\",\"withdrawal\",\"transfer\",\"payment\",\"fee\",\"interest\"],\"namespace\":\"tributary.banking\"}";
    export const TransactionTypeName = "tributary.banking.TransactionType";
    /**
     * deposit/withdrawal move cash; transfer and payment move money to another party; fee and interest are booked by the bank.
     */
    export type TransactionType = "deposit" | "withdrawal" | "transfer" | "payment" | "fee" | "interest";
    export const TransactionRecordedSchema = "{\"type\":\"record\",\"name\":\"TransactionRecorded\",\"namespace\":\"tributary.banking\",\"doc\":\"A bank transaction was booked.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"transaction_id\",\"type\":\"string\",\"doc\":\"The transaction.\"},{\"name\":\"client_id\",\"type\":\"string\",\"doc\":\"The client; the topic's key, so a client's transactions stay in order.\"},{\"name\":\"transaction_type\",\"doc\":\"Direction of the money.\",\"type\":{\"type\":\"enum\",\"name\":\"TransactionType\",\"doc\":\"deposit/withdrawal move cash; transfer and payment move money to another party; fee and interest are booked by the bank.\",\"symbols\":[\"deposit\",\"withdrawal\",\"transfer\",\"payment\",\"fee\",\"interest\"],\"namespace\":\"tributary.banking\"}},{\"name\":\"transaction_date\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Booking time, UTC (midnight when the source gives only a date).\"},{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4},\"doc\":\"Amount in `currency`, exact decimal.\"},{\"name\":\"currency\",\"type\":\"string\",\"doc\":\"ISO 4217 code, e.g. EUR.\"}]}";
    export const TransactionRecordedName = "tributary.banking.TransactionRecorded";
    /**
     * A bank transaction was booked.
     */
    export interface TransactionRecorded {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The transaction.
         */
        transaction_id: string;
        /**
         * The client; the topic's key, so a client's transactions stay in order.
         */
        client_id: string;
        /**
         * Direction of the money.
         */
        transaction_type: TributaryBanking.TransactionType;
        /**
         * Booking time, UTC (midnight when the source gives only a date).
         */
        transaction_date: Date;
        /**
         * Amount in `currency`, exact decimal.
         */
        amount: string;
        /**
         * ISO 4217 code, e.g. EUR.
         */
        currency: string;
    }
    export const TransactionRecordedItemSchema = "{\"type\":\"record\",\"name\":\"TransactionRecordedItem\",\"doc\":\"One TransactionRecorded: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":\"tributary.common.ItemMetadata\",\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"transaction_id\",\"type\":\"string\",\"doc\":\"The transaction.\"},{\"name\":\"client_id\",\"type\":\"string\",\"doc\":\"The client; the topic's key, so a client's transactions stay in order.\"},{\"name\":\"transaction_type\",\"doc\":\"Direction of the money.\",\"type\":{\"type\":\"enum\",\"name\":\"TransactionType\",\"doc\":\"deposit/withdrawal move cash; transfer and payment move money to another party; fee and interest are booked by the bank.\",\"symbols\":[\"deposit\",\"withdrawal\",\"transfer\",\"payment\",\"fee\",\"interest\"],\"namespace\":\"tributary.banking\"}},{\"name\":\"transaction_date\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Booking time, UTC (midnight when the source gives only a date).\"},{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4},\"doc\":\"Amount in `currency`, exact decimal.\"},{\"name\":\"currency\",\"type\":\"string\",\"doc\":\"ISO 4217 code, e.g. EUR.\"}],\"namespace\":\"tributary.banking\"}";
    export const TransactionRecordedItemName = "tributary.banking.TransactionRecordedItem";
    /**
     * One TransactionRecorded: its own metadata, then the event's fields.
     */
    export interface TransactionRecordedItem {
        /**
         * The item's own part of its EventMetadata.
         */
        meta: TributaryCommon.ItemMetadata;
        /**
         * The transaction.
         */
        transaction_id: string;
        /**
         * The client; the topic's key, so a client's transactions stay in order.
         */
        client_id: string;
        /**
         * Direction of the money.
         */
        transaction_type: TributaryBanking.TransactionType;
        /**
         * Booking time, UTC (midnight when the source gives only a date).
         */
        transaction_date: Date;
        /**
         * Amount in `currency`, exact decimal.
         */
        amount: string;
        /**
         * ISO 4217 code, e.g. EUR.
         */
        currency: string;
    }
    export const TransactionsRecordedSchema = "{\"type\":\"record\",\"name\":\"TransactionsRecorded\",\"namespace\":\"tributary.banking\",\"doc\":\"TransactionRecorded events in one message, each keeping its own id, time and row. Generated from banking/transaction-recorded.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.\",\"fields\":[{\"name\":\"key\",\"type\":\"string\",\"doc\":\"The message's Kafka key: its first item's. Every item's key falls in the message's partition.\"},{\"name\":\"batch\",\"type\":\"tributary.common.BatchMetadata\",\"doc\":\"What the items share.\"},{\"name\":\"items\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"TransactionRecordedItem\",\"doc\":\"One TransactionRecorded: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":\"tributary.common.ItemMetadata\",\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"transaction_id\",\"type\":\"string\",\"doc\":\"The transaction.\"},{\"name\":\"client_id\",\"type\":\"string\",\"doc\":\"The client; the topic's key, so a client's transactions stay in order.\"},{\"name\":\"transaction_type\",\"doc\":\"Direction of the money.\",\"type\":{\"type\":\"enum\",\"name\":\"TransactionType\",\"doc\":\"deposit/withdrawal move cash; transfer and payment move money to another party; fee and interest are booked by the bank.\",\"symbols\":[\"deposit\",\"withdrawal\",\"transfer\",\"payment\",\"fee\",\"interest\"],\"namespace\":\"tributary.banking\"}},{\"name\":\"transaction_date\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Booking time, UTC (midnight when the source gives only a date).\"},{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4},\"doc\":\"Amount in `currency`, exact decimal.\"},{\"name\":\"currency\",\"type\":\"string\",\"doc\":\"ISO 4217 code, e.g. EUR.\"}],\"namespace\":\"tributary.banking\"}},\"doc\":\"The events, in the order they were published.\"}]}";
    export const TransactionsRecordedName = "tributary.banking.TransactionsRecorded";
    /**
     * TransactionRecorded events in one message, each keeping its own id, time and row. Generated from banking/transaction-recorded.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.
     */
    export interface TransactionsRecorded {
        /**
         * The message's Kafka key: its first item's. Every item's key falls in the message's partition.
         */
        key: string;
        /**
         * What the items share.
         */
        batch: TributaryCommon.BatchMetadata;
        /**
         * The events, in the order they were published.
         */
        items: TributaryBanking.TransactionRecordedItem[];
    }
}

export namespace TributaryTelemetry {
    export const SensorReadingRecordedSchema = "{\"type\":\"record\",\"name\":\"SensorReadingRecorded\",\"namespace\":\"tributary.telemetry\",\"doc\":\"A sensor reported a measurement.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"reading_id\",\"type\":\"string\",\"doc\":\"Stable id of the reading; corrections refer to it. Equal to metadata.event_id for the first version.\"},{\"name\":\"sensor_id\",\"type\":\"string\",\"doc\":\"The reporting sensor; the topic's partition key.\"},{\"name\":\"timestamp\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Time of the measurement, UTC.\"},{\"name\":\"temperature\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Degrees Celsius.\"},{\"name\":\"pressure\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Hectopascals.\"},{\"name\":\"humidity\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Relative humidity, percent (0-100).\"},{\"name\":\"metrics\",\"type\":{\"type\":\"map\",\"values\":\"double\"},\"default\":{},\"doc\":\"Further numeric measurements by name, e.g. battery_v.\"},{\"name\":\"version\",\"type\":\"long\",\"default\":1,\"doc\":\"1 for the original reading; each correction carries a higher version, and the highest wins.\"},{\"name\":\"client_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The id the reading's client gave it (its idempotency key on this sensor), as sent; null when the client gave none. A correction carries the reading's, so reads keep showing it.\"}]}";
    export const SensorReadingRecordedName = "tributary.telemetry.SensorReadingRecorded";
    /**
     * A sensor reported a measurement.
     */
    export interface SensorReadingRecorded {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * Stable id of the reading; corrections refer to it. Equal to metadata.event_id for the first version.
         */
        reading_id: string;
        /**
         * The reporting sensor; the topic's partition key.
         */
        sensor_id: string;
        /**
         * Time of the measurement, UTC.
         */
        timestamp: Date;
        /**
         * Degrees Celsius.
         *
         * Default: null
         */
        temperature: null | number;
        /**
         * Hectopascals.
         *
         * Default: null
         */
        pressure: null | number;
        /**
         * Relative humidity, percent (0-100).
         *
         * Default: null
         */
        humidity: null | number;
        /**
         * Further numeric measurements by name, e.g. battery_v.
         *
         * Default: {}
         */
        metrics: {
            [index: string]: number;
        };
        /**
         * 1 for the original reading; each correction carries a higher version, and the highest wins.
         *
         * Default: 1
         */
        version: number;
        /**
         * The id the reading's client gave it (its idempotency key on this sensor), as sent; null when the client gave none. A correction carries the reading's, so reads keep showing it.
         *
         * Default: null
         */
        client_id: null | string;
    }
    export const SensorReadingCorrectedSchema = "{\"type\":\"record\",\"name\":\"SensorReadingCorrected\",\"namespace\":\"tributary.telemetry\",\"doc\":\"A reading's values were corrected. The event carries the whole corrected reading, not a delta, so the highest version is the truth whatever order events arrive in.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"reading_id\",\"type\":\"string\",\"doc\":\"The corrected reading.\"},{\"name\":\"sensor_id\",\"type\":\"string\",\"doc\":\"The reporting sensor; the topic's partition key.\"},{\"name\":\"timestamp\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Time of the measurement, UTC.\"},{\"name\":\"temperature\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Degrees Celsius.\"},{\"name\":\"pressure\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Hectopascals.\"},{\"name\":\"humidity\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Relative humidity, percent (0-100).\"},{\"name\":\"metrics\",\"type\":{\"type\":\"map\",\"values\":\"double\"},\"default\":{},\"doc\":\"Further numeric measurements by name.\"},{\"name\":\"version\",\"type\":\"long\",\"doc\":\"Greater than every earlier version of this reading.\"},{\"name\":\"reason\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Why the reading was corrected, as given by the caller.\"},{\"name\":\"client_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The id the reading's client gave it (its idempotency key on this sensor), as sent; null when the client gave none. A correction carries the reading's, so reads keep showing it.\"}]}";
    export const SensorReadingCorrectedName = "tributary.telemetry.SensorReadingCorrected";
    /**
     * A reading's values were corrected. The event carries the whole corrected reading, not a delta, so the highest version is the truth whatever order events arrive in.
     */
    export interface SensorReadingCorrected {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The corrected reading.
         */
        reading_id: string;
        /**
         * The reporting sensor; the topic's partition key.
         */
        sensor_id: string;
        /**
         * Time of the measurement, UTC.
         */
        timestamp: Date;
        /**
         * Degrees Celsius.
         *
         * Default: null
         */
        temperature: null | number;
        /**
         * Hectopascals.
         *
         * Default: null
         */
        pressure: null | number;
        /**
         * Relative humidity, percent (0-100).
         *
         * Default: null
         */
        humidity: null | number;
        /**
         * Further numeric measurements by name.
         *
         * Default: {}
         */
        metrics: {
            [index: string]: number;
        };
        /**
         * Greater than every earlier version of this reading.
         */
        version: number;
        /**
         * Why the reading was corrected, as given by the caller.
         *
         * Default: null
         */
        reason: null | string;
        /**
         * The id the reading's client gave it (its idempotency key on this sensor), as sent; null when the client gave none. A correction carries the reading's, so reads keep showing it.
         *
         * Default: null
         */
        client_id: null | string;
    }
    export const SensorReadingRecordedItemSchema = "{\"type\":\"record\",\"name\":\"SensorReadingRecordedItem\",\"doc\":\"One SensorReadingRecorded: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":\"tributary.common.ItemMetadata\",\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"reading_id\",\"type\":\"string\",\"doc\":\"Stable id of the reading; corrections refer to it. Equal to metadata.event_id for the first version.\"},{\"name\":\"sensor_id\",\"type\":\"string\",\"doc\":\"The reporting sensor; the topic's partition key.\"},{\"name\":\"timestamp\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Time of the measurement, UTC.\"},{\"name\":\"temperature\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Degrees Celsius.\"},{\"name\":\"pressure\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Hectopascals.\"},{\"name\":\"humidity\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Relative humidity, percent (0-100).\"},{\"name\":\"metrics\",\"type\":{\"type\":\"map\",\"values\":\"double\"},\"default\":{},\"doc\":\"Further numeric measurements by name, e.g. battery_v.\"},{\"name\":\"version\",\"type\":\"long\",\"default\":1,\"doc\":\"1 for the original reading; each correction carries a higher version, and the highest wins.\"},{\"name\":\"client_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The id the reading's client gave it (its idempotency key on this sensor), as sent; null when the client gave none. A correction carries the reading's, so reads keep showing it.\"}],\"namespace\":\"tributary.telemetry\"}";
    export const SensorReadingRecordedItemName = "tributary.telemetry.SensorReadingRecordedItem";
    /**
     * One SensorReadingRecorded: its own metadata, then the event's fields.
     */
    export interface SensorReadingRecordedItem {
        /**
         * The item's own part of its EventMetadata.
         */
        meta: TributaryCommon.ItemMetadata;
        /**
         * Stable id of the reading; corrections refer to it. Equal to metadata.event_id for the first version.
         */
        reading_id: string;
        /**
         * The reporting sensor; the topic's partition key.
         */
        sensor_id: string;
        /**
         * Time of the measurement, UTC.
         */
        timestamp: Date;
        /**
         * Degrees Celsius.
         *
         * Default: null
         */
        temperature: null | number;
        /**
         * Hectopascals.
         *
         * Default: null
         */
        pressure: null | number;
        /**
         * Relative humidity, percent (0-100).
         *
         * Default: null
         */
        humidity: null | number;
        /**
         * Further numeric measurements by name, e.g. battery_v.
         *
         * Default: {}
         */
        metrics: {
            [index: string]: number;
        };
        /**
         * 1 for the original reading; each correction carries a higher version, and the highest wins.
         *
         * Default: 1
         */
        version: number;
        /**
         * The id the reading's client gave it (its idempotency key on this sensor), as sent; null when the client gave none. A correction carries the reading's, so reads keep showing it.
         *
         * Default: null
         */
        client_id: null | string;
    }
    export const SensorReadingsRecordedSchema = "{\"type\":\"record\",\"name\":\"SensorReadingsRecorded\",\"namespace\":\"tributary.telemetry\",\"doc\":\"SensorReadingRecorded events in one message, each keeping its own id, time and row. Generated from telemetry/sensor-reading-recorded.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.\",\"fields\":[{\"name\":\"key\",\"type\":\"string\",\"doc\":\"The message's Kafka key: its first item's. Every item's key falls in the message's partition.\"},{\"name\":\"batch\",\"type\":\"tributary.common.BatchMetadata\",\"doc\":\"What the items share.\"},{\"name\":\"items\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"SensorReadingRecordedItem\",\"doc\":\"One SensorReadingRecorded: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":\"tributary.common.ItemMetadata\",\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"reading_id\",\"type\":\"string\",\"doc\":\"Stable id of the reading; corrections refer to it. Equal to metadata.event_id for the first version.\"},{\"name\":\"sensor_id\",\"type\":\"string\",\"doc\":\"The reporting sensor; the topic's partition key.\"},{\"name\":\"timestamp\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Time of the measurement, UTC.\"},{\"name\":\"temperature\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Degrees Celsius.\"},{\"name\":\"pressure\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Hectopascals.\"},{\"name\":\"humidity\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Relative humidity, percent (0-100).\"},{\"name\":\"metrics\",\"type\":{\"type\":\"map\",\"values\":\"double\"},\"default\":{},\"doc\":\"Further numeric measurements by name, e.g. battery_v.\"},{\"name\":\"version\",\"type\":\"long\",\"default\":1,\"doc\":\"1 for the original reading; each correction carries a higher version, and the highest wins.\"},{\"name\":\"client_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The id the reading's client gave it (its idempotency key on this sensor), as sent; null when the client gave none. A correction carries the reading's, so reads keep showing it.\"}],\"namespace\":\"tributary.telemetry\"}},\"doc\":\"The events, in the order they were published.\"}]}";
    export const SensorReadingsRecordedName = "tributary.telemetry.SensorReadingsRecorded";
    /**
     * SensorReadingRecorded events in one message, each keeping its own id, time and row. Generated from telemetry/sensor-reading-recorded.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.
     */
    export interface SensorReadingsRecorded {
        /**
         * The message's Kafka key: its first item's. Every item's key falls in the message's partition.
         */
        key: string;
        /**
         * What the items share.
         */
        batch: TributaryCommon.BatchMetadata;
        /**
         * The events, in the order they were published.
         */
        items: TributaryTelemetry.SensorReadingRecordedItem[];
    }
}

export namespace TributaryEnergy {
    export const UsageRecordedSchema = "{\"type\":\"record\",\"name\":\"UsageRecorded\",\"namespace\":\"tributary.energy\",\"doc\":\"A user's energy consumption for one day.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"user_id\",\"type\":\"string\",\"doc\":\"The consuming user; the topic's partition key.\"},{\"name\":\"date\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"The day of consumption.\"},{\"name\":\"usage_kwh\",\"type\":\"double\",\"doc\":\"Energy used that day, kWh.\"}]}";
    export const UsageRecordedName = "tributary.energy.UsageRecorded";
    /**
     * A user's energy consumption for one day.
     */
    export interface UsageRecorded {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The consuming user; the topic's partition key.
         */
        user_id: string;
        /**
         * The day of consumption.
         */
        date: string;
        /**
         * Energy used that day, kWh.
         */
        usage_kwh: number;
    }
    export const ThresholdAlertRaisedSchema = "{\"type\":\"record\",\"name\":\"ThresholdAlertRaised\",\"namespace\":\"tributary.energy\",\"doc\":\"A day's usage exceeded the threshold that applied to its upload.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"user_id\",\"type\":\"string\",\"doc\":\"The user over threshold; the topic's partition key.\"},{\"name\":\"date\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"The day of consumption.\"},{\"name\":\"usage_kwh\",\"type\":\"double\",\"doc\":\"Energy used that day, kWh.\"},{\"name\":\"threshold_kwh\",\"type\":\"double\",\"doc\":\"The threshold that was exceeded, kWh.\"},{\"name\":\"usage_event_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"event_id of the UsageRecorded event that raised the alert.\"}]}";
    export const ThresholdAlertRaisedName = "tributary.energy.ThresholdAlertRaised";
    /**
     * A day's usage exceeded the threshold that applied to its upload.
     */
    export interface ThresholdAlertRaised {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The user over threshold; the topic's partition key.
         */
        user_id: string;
        /**
         * The day of consumption.
         */
        date: string;
        /**
         * Energy used that day, kWh.
         */
        usage_kwh: number;
        /**
         * The threshold that was exceeded, kWh.
         */
        threshold_kwh: number;
        /**
         * event_id of the UsageRecorded event that raised the alert.
         */
        usage_event_id: string;
    }
    export const UsageRecordedItemSchema = "{\"type\":\"record\",\"name\":\"UsageRecordedItem\",\"doc\":\"One UsageRecorded: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":\"tributary.common.ItemMetadata\",\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"user_id\",\"type\":\"string\",\"doc\":\"The consuming user; the topic's partition key.\"},{\"name\":\"date\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"The day of consumption.\"},{\"name\":\"usage_kwh\",\"type\":\"double\",\"doc\":\"Energy used that day, kWh.\"}],\"namespace\":\"tributary.energy\"}";
    export const UsageRecordedItemName = "tributary.energy.UsageRecordedItem";
    /**
     * One UsageRecorded: its own metadata, then the event's fields.
     */
    export interface UsageRecordedItem {
        /**
         * The item's own part of its EventMetadata.
         */
        meta: TributaryCommon.ItemMetadata;
        /**
         * The consuming user; the topic's partition key.
         */
        user_id: string;
        /**
         * The day of consumption.
         */
        date: string;
        /**
         * Energy used that day, kWh.
         */
        usage_kwh: number;
    }
    export const UsagesRecordedSchema = "{\"type\":\"record\",\"name\":\"UsagesRecorded\",\"namespace\":\"tributary.energy\",\"doc\":\"UsageRecorded events in one message, each keeping its own id, time and row. Generated from energy/usage-recorded.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.\",\"fields\":[{\"name\":\"key\",\"type\":\"string\",\"doc\":\"The message's Kafka key: its first item's. Every item's key falls in the message's partition.\"},{\"name\":\"batch\",\"type\":\"tributary.common.BatchMetadata\",\"doc\":\"What the items share.\"},{\"name\":\"items\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"UsageRecordedItem\",\"doc\":\"One UsageRecorded: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":\"tributary.common.ItemMetadata\",\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"user_id\",\"type\":\"string\",\"doc\":\"The consuming user; the topic's partition key.\"},{\"name\":\"date\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"The day of consumption.\"},{\"name\":\"usage_kwh\",\"type\":\"double\",\"doc\":\"Energy used that day, kWh.\"}],\"namespace\":\"tributary.energy\"}},\"doc\":\"The events, in the order they were published.\"}]}";
    export const UsagesRecordedName = "tributary.energy.UsagesRecorded";
    /**
     * UsageRecorded events in one message, each keeping its own id, time and row. Generated from energy/usage-recorded.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.
     */
    export interface UsagesRecorded {
        /**
         * The message's Kafka key: its first item's. Every item's key falls in the message's partition.
         */
        key: string;
        /**
         * What the items share.
         */
        batch: TributaryCommon.BatchMetadata;
        /**
         * The events, in the order they were published.
         */
        items: TributaryEnergy.UsageRecordedItem[];
    }
}

export namespace TributaryRetail {
    export const ProductUpsertedSchema = "{\"type\":\"record\",\"name\":\"ProductUpserted\",\"namespace\":\"tributary.retail\",\"doc\":\"A product was created or updated; the latest event per product_id is the product's state.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"product_id\",\"type\":\"string\",\"doc\":\"The product; the compacted topic's key.\"},{\"name\":\"name\",\"type\":\"string\",\"doc\":\"Product name.\"},{\"name\":\"category\",\"type\":\"string\",\"doc\":\"Category the product belongs to; categories are derived from products.\"},{\"name\":\"price\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4}],\"default\":null,\"doc\":\"List price, exact decimal.\"}]}";
    export const ProductUpsertedName = "tributary.retail.ProductUpserted";
    /**
     * A product was created or updated; the latest event per product_id is the product's state.
     */
    export interface ProductUpserted {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The product; the compacted topic's key.
         */
        product_id: string;
        /**
         * Product name.
         */
        name: string;
        /**
         * Category the product belongs to; categories are derived from products.
         */
        category: string;
        /**
         * List price, exact decimal.
         *
         * Default: null
         */
        price: null | string;
    }
    export const SaleRecordedSchema = "{\"type\":\"record\",\"name\":\"SaleRecorded\",\"namespace\":\"tributary.retail\",\"doc\":\"A sale took place.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"sale_id\",\"type\":\"string\",\"doc\":\"The sale; the topic's key.\"},{\"name\":\"product_id\",\"type\":\"string\",\"doc\":\"Product sold.\"},{\"name\":\"quantity\",\"type\":\"long\",\"doc\":\"Units sold (positive).\"},{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4},\"doc\":\"Total amount of the sale, exact decimal.\"},{\"name\":\"sale_date\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"Day of the sale.\"}]}";
    export const SaleRecordedName = "tributary.retail.SaleRecorded";
    /**
     * A sale took place.
     */
    export interface SaleRecorded {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The sale; the topic's key.
         */
        sale_id: string;
        /**
         * Product sold.
         */
        product_id: string;
        /**
         * Units sold (positive).
         */
        quantity: number;
        /**
         * Total amount of the sale, exact decimal.
         */
        amount: string;
        /**
         * Day of the sale.
         */
        sale_date: string;
    }
    export const SaleRecordedItemSchema = "{\"type\":\"record\",\"name\":\"SaleRecordedItem\",\"doc\":\"One SaleRecorded: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":\"tributary.common.ItemMetadata\",\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"sale_id\",\"type\":\"string\",\"doc\":\"The sale; the topic's key.\"},{\"name\":\"product_id\",\"type\":\"string\",\"doc\":\"Product sold.\"},{\"name\":\"quantity\",\"type\":\"long\",\"doc\":\"Units sold (positive).\"},{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4},\"doc\":\"Total amount of the sale, exact decimal.\"},{\"name\":\"sale_date\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"Day of the sale.\"}],\"namespace\":\"tributary.retail\"}";
    export const SaleRecordedItemName = "tributary.retail.SaleRecordedItem";
    /**
     * One SaleRecorded: its own metadata, then the event's fields.
     */
    export interface SaleRecordedItem {
        /**
         * The item's own part of its EventMetadata.
         */
        meta: TributaryCommon.ItemMetadata;
        /**
         * The sale; the topic's key.
         */
        sale_id: string;
        /**
         * Product sold.
         */
        product_id: string;
        /**
         * Units sold (positive).
         */
        quantity: number;
        /**
         * Total amount of the sale, exact decimal.
         */
        amount: string;
        /**
         * Day of the sale.
         */
        sale_date: string;
    }
    export const SalesRecordedSchema = "{\"type\":\"record\",\"name\":\"SalesRecorded\",\"namespace\":\"tributary.retail\",\"doc\":\"SaleRecorded events in one message, each keeping its own id, time and row. Generated from retail/sale-recorded.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.\",\"fields\":[{\"name\":\"key\",\"type\":\"string\",\"doc\":\"The message's Kafka key: its first item's. Every item's key falls in the message's partition.\"},{\"name\":\"batch\",\"type\":\"tributary.common.BatchMetadata\",\"doc\":\"What the items share.\"},{\"name\":\"items\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"SaleRecordedItem\",\"doc\":\"One SaleRecorded: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":\"tributary.common.ItemMetadata\",\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"sale_id\",\"type\":\"string\",\"doc\":\"The sale; the topic's key.\"},{\"name\":\"product_id\",\"type\":\"string\",\"doc\":\"Product sold.\"},{\"name\":\"quantity\",\"type\":\"long\",\"doc\":\"Units sold (positive).\"},{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4},\"doc\":\"Total amount of the sale, exact decimal.\"},{\"name\":\"sale_date\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"Day of the sale.\"}],\"namespace\":\"tributary.retail\"}},\"doc\":\"The events, in the order they were published.\"}]}";
    export const SalesRecordedName = "tributary.retail.SalesRecorded";
    /**
     * SaleRecorded events in one message, each keeping its own id, time and row. Generated from retail/sale-recorded.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.
     */
    export interface SalesRecorded {
        /**
         * The message's Kafka key: its first item's. Every item's key falls in the message's partition.
         */
        key: string;
        /**
         * What the items share.
         */
        batch: TributaryCommon.BatchMetadata;
        /**
         * The events, in the order they were published.
         */
        items: TributaryRetail.SaleRecordedItem[];
    }
}

export namespace TributaryIngest {
    export const FileReceivedSchema = "{\"type\":\"record\",\"name\":\"FileReceived\",\"namespace\":\"tributary.ingest\",\"doc\":\"A file landed in the landing store and waits to be ingested. A claim check: the event points at the raw object, it does not carry it.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"job_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The ingest job created for the file; the topic's key.\"},{\"name\":\"dataset\",\"type\":\"string\",\"doc\":\"Target dataset, e.g. ev.users, telemetry.readings; auto when it was not given and is to be recognised from the file's columns.\"},{\"name\":\"object_key\",\"type\":\"string\",\"doc\":\"Key of the raw object in the landing store (dataset/date/checksum).\"},{\"name\":\"file_name\",\"type\":\"string\",\"doc\":\"Original file name as sent.\"},{\"name\":\"checksum_sha256\",\"type\":\"string\",\"doc\":\"SHA-256 of the raw bytes, lowercase hex.\"},{\"name\":\"size_bytes\",\"type\":\"long\",\"doc\":\"Size of the raw object.\"},{\"name\":\"content_type\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Declared or detected media type.\"},{\"name\":\"submitted_by\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Account or API key that sent the file; null for folder and SFTP sources.\"},{\"name\":\"options\",\"type\":{\"type\":\"map\",\"values\":\"string\"},\"default\":{},\"doc\":\"Ingest options given with the file, e.g. threshold for energy uploads, sheet for XLSX.\"},{\"name\":\"source\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Where the file came from: upload (through the gateway), inbox (the watched folder) or sftp (a polled server).\"}]}";
    export const FileReceivedName = "tributary.ingest.FileReceived";
    /**
     * A file landed in the landing store and waits to be ingested. A claim check: the event points at the raw object, it does not carry it.
     */
    export interface FileReceived {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The ingest job created for the file; the topic's key.
         */
        job_id: string;
        /**
         * Target dataset, e.g. ev.users, telemetry.readings; auto when it was not given and is to be recognised from the file's columns.
         */
        dataset: string;
        /**
         * Key of the raw object in the landing store (dataset/date/checksum).
         */
        object_key: string;
        /**
         * Original file name as sent.
         */
        file_name: string;
        /**
         * SHA-256 of the raw bytes, lowercase hex.
         */
        checksum_sha256: string;
        /**
         * Size of the raw object.
         */
        size_bytes: number;
        /**
         * Declared or detected media type.
         *
         * Default: null
         */
        content_type: null | string;
        /**
         * Account or API key that sent the file; null for folder and SFTP sources.
         *
         * Default: null
         */
        submitted_by: null | string;
        /**
         * Ingest options given with the file, e.g. threshold for energy uploads, sheet for XLSX.
         *
         * Default: {}
         */
        options: {
            [index: string]: string;
        };
        /**
         * Where the file came from: upload (through the gateway), inbox (the watched folder) or sftp (a polled server).
         *
         * Default: null
         */
        source: null | string;
    }
    export const JobStatusSchema = "{\"type\":\"enum\",\"name\":\"JobStatus\",\"doc\":\"queued: waiting; running: rows being read; succeeded: every row accepted; partially_failed: some rows rejected; failed: the file could not be read; duplicate: the same file was ingested before.\",\"symbols\":[\"queued\",\"running\",\"succeeded\",\"partially_failed\",\"failed\",\"duplicate\"],\"namespace\":\"tributary.ingest\"}";
    export const JobStatusName = "tributary.ingest.JobStatus";
    /**
     * queued: waiting; running: rows being read; succeeded: every row accepted; partially_failed: some rows rejected; failed: the file could not be read; duplicate: the same file was ingested before.
     */
    export type JobStatus = "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "duplicate";
    export const JobStatusChangedSchema = "{\"type\":\"record\",\"name\":\"JobStatusChanged\",\"namespace\":\"tributary.ingest\",\"doc\":\"An ingest job moved to a new status; the latest event per job is the job's state.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"job_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The job; the compacted topic's key.\"},{\"name\":\"dataset\",\"type\":\"string\",\"doc\":\"Target dataset.\"},{\"name\":\"status\",\"doc\":\"The job's new status.\",\"type\":{\"type\":\"enum\",\"name\":\"JobStatus\",\"doc\":\"queued: waiting; running: rows being read; succeeded: every row accepted; partially_failed: some rows rejected; failed: the file could not be read; duplicate: the same file was ingested before.\",\"symbols\":[\"queued\",\"running\",\"succeeded\",\"partially_failed\",\"failed\",\"duplicate\"],\"namespace\":\"tributary.ingest\"}},{\"name\":\"rows_read\",\"type\":\"long\",\"default\":0,\"doc\":\"Data rows read so far.\"},{\"name\":\"rows_accepted\",\"type\":\"long\",\"default\":0,\"doc\":\"Rows published as events so far.\"},{\"name\":\"rows_rejected\",\"type\":\"long\",\"default\":0,\"doc\":\"Rows rejected so far (see RecordRejected).\"},{\"name\":\"started_at\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"When reading started, UTC.\"},{\"name\":\"finished_at\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"When the job reached a final status, UTC.\"},{\"name\":\"error\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Why the job failed, for status failed.\"},{\"name\":\"source\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Where the file came from: upload (through the gateway), inbox (the watched folder) or sftp (a polled server).\"},{\"name\":\"file_name\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The file's name as sent, or its path on the SFTP server.\"},{\"name\":\"object_key\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The raw file in the landing store.\"},{\"name\":\"checksum_sha256\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"SHA-256 of the raw bytes, lowercase hex.\"},{\"name\":\"size_bytes\",\"type\":[\"null\",\"long\"],\"default\":null,\"doc\":\"Size of the raw file.\"},{\"name\":\"format\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"How the file was read: csv, json, ndjson or xlsx, with a .gz suffix when it was gzip-compressed; null until known.\"},{\"name\":\"dataset_detected\",\"type\":\"boolean\",\"default\":false,\"doc\":\"True when the dataset was not given with the file and was recognised from its columns.\"},{\"name\":\"submitted_by\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Account or API key that sent the file; null for the inbox and SFTP.\"},{\"name\":\"duplicate_of\",\"type\":[\"null\",{\"type\":\"string\",\"logicalType\":\"uuid\"}],\"default\":null,\"doc\":\"For status duplicate: the job that ingested the same bytes into the same dataset first.\"},{\"name\":\"queued_at\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"When the file was received, UTC.\"}]}";
    export const JobStatusChangedName = "tributary.ingest.JobStatusChanged";
    /**
     * An ingest job moved to a new status; the latest event per job is the job's state.
     */
    export interface JobStatusChanged {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The job; the compacted topic's key.
         */
        job_id: string;
        /**
         * Target dataset.
         */
        dataset: string;
        /**
         * The job's new status.
         */
        status: TributaryIngest.JobStatus;
        /**
         * Data rows read so far.
         *
         * Default: 0
         */
        rows_read: number;
        /**
         * Rows published as events so far.
         *
         * Default: 0
         */
        rows_accepted: number;
        /**
         * Rows rejected so far (see RecordRejected).
         *
         * Default: 0
         */
        rows_rejected: number;
        /**
         * When reading started, UTC.
         *
         * Default: null
         */
        started_at: null | Date;
        /**
         * When the job reached a final status, UTC.
         *
         * Default: null
         */
        finished_at: null | Date;
        /**
         * Why the job failed, for status failed.
         *
         * Default: null
         */
        error: null | string;
        /**
         * Where the file came from: upload (through the gateway), inbox (the watched folder) or sftp (a polled server).
         *
         * Default: null
         */
        source: null | string;
        /**
         * The file's name as sent, or its path on the SFTP server.
         *
         * Default: null
         */
        file_name: null | string;
        /**
         * The raw file in the landing store.
         *
         * Default: null
         */
        object_key: null | string;
        /**
         * SHA-256 of the raw bytes, lowercase hex.
         *
         * Default: null
         */
        checksum_sha256: null | string;
        /**
         * Size of the raw file.
         *
         * Default: null
         */
        size_bytes: null | number;
        /**
         * How the file was read: csv, json, ndjson or xlsx, with a .gz suffix when it was gzip-compressed; null until known.
         *
         * Default: null
         */
        format: null | string;
        /**
         * True when the dataset was not given with the file and was recognised from its columns.
         *
         * Default: false
         */
        dataset_detected: boolean;
        /**
         * Account or API key that sent the file; null for the inbox and SFTP.
         *
         * Default: null
         */
        submitted_by: null | string;
        /**
         * For status duplicate: the job that ingested the same bytes into the same dataset first.
         *
         * Default: null
         */
        duplicate_of: null | string;
        /**
         * When the file was received, UTC.
         *
         * Default: null
         */
        queued_at: null | Date;
    }
    export const RecordRejectedSchema = "{\"type\":\"record\",\"name\":\"RecordRejected\",\"namespace\":\"tributary.ingest\",\"doc\":\"A row of a file could not become an event.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"job_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The job; the topic's key.\"},{\"name\":\"dataset\",\"type\":\"string\",\"doc\":\"Target dataset.\"},{\"name\":\"object_key\",\"type\":\"string\",\"doc\":\"The raw file in the landing store.\"},{\"name\":\"row_number\",\"type\":\"long\",\"doc\":\"Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array).\"},{\"name\":\"raw\",\"type\":\"string\",\"doc\":\"The row as read, truncated to 64 KiB.\"},{\"name\":\"reasons\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"Every reason the row was rejected, each naming its field, e.g. 'usage_kwh: must be a number'.\"}]}";
    export const RecordRejectedName = "tributary.ingest.RecordRejected";
    /**
     * A row of a file could not become an event.
     */
    export interface RecordRejected {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The job; the topic's key.
         */
        job_id: string;
        /**
         * Target dataset.
         */
        dataset: string;
        /**
         * The raw file in the landing store.
         */
        object_key: string;
        /**
         * Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array).
         */
        row_number: number;
        /**
         * The row as read, truncated to 64 KiB.
         */
        raw: string;
        /**
         * Every reason the row was rejected, each naming its field, e.g. 'usage_kwh: must be a number'.
         */
        reasons: string[];
    }
    export const RecordRejectedItemSchema = "{\"type\":\"record\",\"name\":\"RecordRejectedItem\",\"doc\":\"One RecordRejected: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":\"tributary.common.ItemMetadata\",\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"job_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The job; the topic's key.\"},{\"name\":\"dataset\",\"type\":\"string\",\"doc\":\"Target dataset.\"},{\"name\":\"object_key\",\"type\":\"string\",\"doc\":\"The raw file in the landing store.\"},{\"name\":\"row_number\",\"type\":\"long\",\"doc\":\"Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array).\"},{\"name\":\"raw\",\"type\":\"string\",\"doc\":\"The row as read, truncated to 64 KiB.\"},{\"name\":\"reasons\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"Every reason the row was rejected, each naming its field, e.g. 'usage_kwh: must be a number'.\"}],\"namespace\":\"tributary.ingest\"}";
    export const RecordRejectedItemName = "tributary.ingest.RecordRejectedItem";
    /**
     * One RecordRejected: its own metadata, then the event's fields.
     */
    export interface RecordRejectedItem {
        /**
         * The item's own part of its EventMetadata.
         */
        meta: TributaryCommon.ItemMetadata;
        /**
         * The job; the topic's key.
         */
        job_id: string;
        /**
         * Target dataset.
         */
        dataset: string;
        /**
         * The raw file in the landing store.
         */
        object_key: string;
        /**
         * Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array).
         */
        row_number: number;
        /**
         * The row as read, truncated to 64 KiB.
         */
        raw: string;
        /**
         * Every reason the row was rejected, each naming its field, e.g. 'usage_kwh: must be a number'.
         */
        reasons: string[];
    }
    export const RecordsRejectedSchema = "{\"type\":\"record\",\"name\":\"RecordsRejected\",\"namespace\":\"tributary.ingest\",\"doc\":\"RecordRejected events in one message, each keeping its own id, time and row. Generated from ingest/record-rejected.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.\",\"fields\":[{\"name\":\"key\",\"type\":\"string\",\"doc\":\"The message's Kafka key: its first item's. Every item's key falls in the message's partition.\"},{\"name\":\"batch\",\"type\":\"tributary.common.BatchMetadata\",\"doc\":\"What the items share.\"},{\"name\":\"items\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"RecordRejectedItem\",\"doc\":\"One RecordRejected: its own metadata, then the event's fields.\",\"fields\":[{\"name\":\"meta\",\"type\":\"tributary.common.ItemMetadata\",\"doc\":\"The item's own part of its EventMetadata.\"},{\"name\":\"job_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The job; the topic's key.\"},{\"name\":\"dataset\",\"type\":\"string\",\"doc\":\"Target dataset.\"},{\"name\":\"object_key\",\"type\":\"string\",\"doc\":\"The raw file in the landing store.\"},{\"name\":\"row_number\",\"type\":\"long\",\"doc\":\"Where a person finds the row in the source file: the line it starts on (CSV, NDJSON; the header counted), the sheet's row (XLSX), the 1-based element (JSON array).\"},{\"name\":\"raw\",\"type\":\"string\",\"doc\":\"The row as read, truncated to 64 KiB.\"},{\"name\":\"reasons\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"Every reason the row was rejected, each naming its field, e.g. 'usage_kwh: must be a number'.\"}],\"namespace\":\"tributary.ingest\"}},\"doc\":\"The events, in the order they were published.\"}]}";
    export const RecordsRejectedName = "tributary.ingest.RecordsRejected";
    /**
     * RecordRejected events in one message, each keeping its own id, time and row. Generated from ingest/record-rejected.avsc by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.
     */
    export interface RecordsRejected {
        /**
         * The message's Kafka key: its first item's. Every item's key falls in the message's partition.
         */
        key: string;
        /**
         * What the items share.
         */
        batch: TributaryCommon.BatchMetadata;
        /**
         * The events, in the order they were published.
         */
        items: TributaryIngest.RecordRejectedItem[];
    }
}

export namespace TributaryIdentity {
    export const RoleSchema = "{\"type\":\"enum\",\"name\":\"Role\",\"namespace\":\"tributary.identity\",\"doc\":\"admin: everything; analyst: read data; ingest: write data.\",\"symbols\":[\"admin\",\"analyst\",\"ingest\"]}";
    export const RoleName = "tributary.identity.Role";
    /**
     * admin: everything; analyst: read data; ingest: write data.
     */
    export type Role = "admin" | "analyst" | "ingest";
    export const AccountRegisteredSchema = "{\"type\":\"record\",\"name\":\"AccountRegistered\",\"namespace\":\"tributary.identity\",\"doc\":\"An account was created (audit).\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"account_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The account; the topic's key.\"},{\"name\":\"email\",\"type\":\"string\",\"doc\":\"Login email, lower-cased.\"},{\"name\":\"role\",\"type\":{\"type\":\"enum\",\"name\":\"Role\",\"namespace\":\"tributary.identity\",\"doc\":\"admin: everything; analyst: read data; ingest: write data.\",\"symbols\":[\"admin\",\"analyst\",\"ingest\"]},\"doc\":\"The account's role.\"}]}";
    export const AccountRegisteredName = "tributary.identity.AccountRegistered";
    /**
     * An account was created (audit).
     */
    export interface AccountRegistered {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The account; the topic's key.
         */
        account_id: string;
        /**
         * Login email, lower-cased.
         */
        email: string;
        /**
         * The account's role.
         */
        role: TributaryIdentity.Role;
    }
    export const ApiKeyIssuedSchema = "{\"type\":\"record\",\"name\":\"ApiKeyIssued\",\"namespace\":\"tributary.identity\",\"doc\":\"An API key was issued to an account (audit). Never carries the secret.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"key_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The key.\"},{\"name\":\"account_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Owner of the key; the topic's key.\"},{\"name\":\"name\",\"type\":\"string\",\"doc\":\"Label the owner gave the key.\"},{\"name\":\"prefix\",\"type\":\"string\",\"doc\":\"First characters of the key, shown to identify it.\"},{\"name\":\"role\",\"type\":\"tributary.identity.Role\",\"doc\":\"Role the key acts with.\"},{\"name\":\"expires_at\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"When the key stops working, UTC; null for never.\"}]}";
    export const ApiKeyIssuedName = "tributary.identity.ApiKeyIssued";
    /**
     * An API key was issued to an account (audit). Never carries the secret.
     */
    export interface ApiKeyIssued {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The key.
         */
        key_id: string;
        /**
         * Owner of the key; the topic's key.
         */
        account_id: string;
        /**
         * Label the owner gave the key.
         */
        name: string;
        /**
         * First characters of the key, shown to identify it.
         */
        prefix: string;
        /**
         * Role the key acts with.
         */
        role: TributaryIdentity.Role;
        /**
         * When the key stops working, UTC; null for never.
         *
         * Default: null
         */
        expires_at: null | Date;
    }
    export const ApiKeyRevokedSchema = "{\"type\":\"record\",\"name\":\"ApiKeyRevoked\",\"namespace\":\"tributary.identity\",\"doc\":\"An API key was revoked (audit).\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"key_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The key.\"},{\"name\":\"account_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Owner of the key; the topic's key.\"},{\"name\":\"revoked_by\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Account that revoked it (the owner or an admin).\"}]}";
    export const ApiKeyRevokedName = "tributary.identity.ApiKeyRevoked";
    /**
     * An API key was revoked (audit).
     */
    export interface ApiKeyRevoked {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * The key.
         */
        key_id: string;
        /**
         * Owner of the key; the topic's key.
         */
        account_id: string;
        /**
         * Account that revoked it (the owner or an admin).
         */
        revoked_by: string;
    }
    export const LoginFailureReasonSchema = "{\"type\":\"enum\",\"name\":\"LoginFailureReason\",\"doc\":\"unknown_account: no such email; bad_password: wrong password; locked: too many failures.\",\"symbols\":[\"unknown_account\",\"bad_password\",\"locked\"],\"namespace\":\"tributary.identity\"}";
    export const LoginFailureReasonName = "tributary.identity.LoginFailureReason";
    /**
     * unknown_account: no such email; bad_password: wrong password; locked: too many failures.
     */
    export type LoginFailureReason = "unknown_account" | "bad_password" | "locked";
    export const LoginFailedSchema = "{\"type\":\"record\",\"name\":\"LoginFailed\",\"namespace\":\"tributary.identity\",\"doc\":\"A login attempt failed (audit). Never carries the password tried.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope.\"},{\"name\":\"email\",\"type\":\"string\",\"doc\":\"Email tried, lower-cased; the topic's key.\"},{\"name\":\"reason\",\"doc\":\"Why the attempt failed.\",\"type\":{\"type\":\"enum\",\"name\":\"LoginFailureReason\",\"doc\":\"unknown_account: no such email; bad_password: wrong password; locked: too many failures.\",\"symbols\":[\"unknown_account\",\"bad_password\",\"locked\"],\"namespace\":\"tributary.identity\"}},{\"name\":\"client_ip\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Client address as the gateway saw it (after trusted proxies).\"}]}";
    export const LoginFailedName = "tributary.identity.LoginFailed";
    /**
     * A login attempt failed (audit). Never carries the password tried.
     */
    export interface LoginFailed {
        /**
         * Event envelope.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * Email tried, lower-cased; the topic's key.
         */
        email: string;
        /**
         * Why the attempt failed.
         */
        reason: TributaryIdentity.LoginFailureReason;
        /**
         * Client address as the gateway saw it (after trusted proxies).
         *
         * Default: null
         */
        client_ip: null | string;
    }
    export const AccountEventRecordedSchema = "{\"type\":\"record\",\"name\":\"AccountEventRecorded\",\"namespace\":\"tributary.identity\",\"doc\":\"Something happened to an account or its credentials, exactly as the gateway's audit log recorded it (one event per audit row, published from the row): a sign-in, a failed or locked sign-in, a logout, a password change, an API key issued or revoked, a role changed, an account registered, disabled or enabled, an invite created, used or revoked. Never carries a password, a token or a key's secret.\",\"fields\":[{\"name\":\"metadata\",\"type\":\"tributary.common.EventMetadata\",\"doc\":\"Event envelope. event_id is the audit row's own id (a uuid kept with the row), so a row published twice is one event; occurred_at is when the row was written.\"},{\"name\":\"subject\",\"type\":\"string\",\"doc\":\"Who the event is about, and the topic's key (so one account's events stay in order): the id of the account acted on, else the e-mail address tried at sign-in (lower-cased), else the acting account's id, else 'anonymous'.\"},{\"name\":\"audit_id\",\"type\":\"long\",\"doc\":\"The audit log row (GET /v1/admin/audit) this event is; ids grow with every row.\"},{\"name\":\"action\",\"type\":\"string\",\"doc\":\"What happened, as the audit log names it: account.registered, login.succeeded, login.failed, login.locked, logout, password.changed, key.issued, key.revoked, role.changed, account.disabled, account.enabled, invite.created, invite.used, invite.revoked. A string, not an enum, so a new action is no schema change.\"},{\"name\":\"actor_account_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The account that acted (null for an anonymous attempt, such as a failed sign-in).\"},{\"name\":\"actor_api_key_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The API key that acted, when a key did.\"},{\"name\":\"subject_account_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The account acted on: the one signing in, whose key, role or state changed, the one an invite created.\"},{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The address tried at sign-in or registered, lower-cased; personal data.\"},{\"name\":\"client_ip\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The client address as the gateway saw it (after its trusted proxies).\"},{\"name\":\"role\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The role concerned: the new role of a role change, an API key's role, an invite's role, a registered account's role. A string (admin, steward, analyst, ingest), not the Role enum, which cannot gain a symbol under FULL_TRANSITIVE.\"},{\"name\":\"previous_role\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The role before a role change.\"},{\"name\":\"api_key_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The API key issued or revoked.\"},{\"name\":\"invite_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The invite created, used or revoked (or used by a registration).\"},{\"name\":\"session_id\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The sign-in (refresh token family) of a login or logout.\"},{\"name\":\"reason\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Why a sign-in failed: unknown_account, bad_password or disabled.\"},{\"name\":\"detail\",\"type\":\"string\",\"default\":\"{}\",\"doc\":\"Everything the audit row's detail holds (a key's scopes, datasets and expiry, a lock's retry_after_s \u2026), as a JSON object.\"}]}";
    export const AccountEventRecordedName = "tributary.identity.AccountEventRecorded";
    /**
     * Something happened to an account or its credentials, exactly as the gateway's audit log recorded it (one event per audit row, published from the row): a sign-in, a failed or locked sign-in, a logout, a password change, an API key issued or revoked, a role changed, an account registered, disabled or enabled, an invite created, used or revoked. Never carries a password, a token or a key's secret.
     */
    export interface AccountEventRecorded {
        /**
         * Event envelope. event_id is the audit row's own id (a uuid kept with the row), so a row published twice is one event; occurred_at is when the row was written.
         */
        metadata: TributaryCommon.EventMetadata;
        /**
         * Who the event is about, and the topic's key (so one account's events stay in order): the id of the account acted on, else the e-mail address tried at sign-in (lower-cased), else the acting account's id, else 'anonymous'.
         */
        subject: string;
        /**
         * The audit log row (GET /v1/admin/audit) this event is; ids grow with every row.
         */
        audit_id: number;
        /**
         * What happened, as the audit log names it: account.registered, login.succeeded, login.failed, login.locked, logout, password.changed, key.issued, key.revoked, role.changed, account.disabled, account.enabled, invite.created, invite.used, invite.revoked. A string, not an enum, so a new action is no schema change.
         */
        action: string;
        /**
         * The account that acted (null for an anonymous attempt, such as a failed sign-in).
         *
         * Default: null
         */
        actor_account_id: null | string;
        /**
         * The API key that acted, when a key did.
         *
         * Default: null
         */
        actor_api_key_id: null | string;
        /**
         * The account acted on: the one signing in, whose key, role or state changed, the one an invite created.
         *
         * Default: null
         */
        subject_account_id: null | string;
        /**
         * The address tried at sign-in or registered, lower-cased; personal data.
         *
         * Default: null
         */
        email: null | string;
        /**
         * The client address as the gateway saw it (after its trusted proxies).
         *
         * Default: null
         */
        client_ip: null | string;
        /**
         * The role concerned: the new role of a role change, an API key's role, an invite's role, a registered account's role. A string (admin, steward, analyst, ingest), not the Role enum, which cannot gain a symbol under FULL_TRANSITIVE.
         *
         * Default: null
         */
        role: null | string;
        /**
         * The role before a role change.
         *
         * Default: null
         */
        previous_role: null | string;
        /**
         * The API key issued or revoked.
         *
         * Default: null
         */
        api_key_id: null | string;
        /**
         * The invite created, used or revoked (or used by a registration).
         *
         * Default: null
         */
        invite_id: null | string;
        /**
         * The sign-in (refresh token family) of a login or logout.
         *
         * Default: null
         */
        session_id: null | string;
        /**
         * Why a sign-in failed: unknown_account, bad_password or disabled.
         *
         * Default: null
         */
        reason: null | string;
        /**
         * Everything the audit row's detail holds (a key's scopes, datasets and expiry, a lock's retry_after_s …), as a JSON object.
         *
         * Default: "{}"
         */
        detail: string;
    }
}

/** The event each topic carries. */
export interface TopicEvents {
    "ev.users": TributaryEv.UserUpserted;
    "ev.chargers": TributaryEv.ChargerUpserted;
    "ev.transactions": TributaryEv.ChargingSessionRecorded;
    "banking.clients": TributaryBanking.ClientUpserted;
    "banking.transactions": TributaryBanking.TransactionRecorded;
    "telemetry.readings": TributaryTelemetry.SensorReadingRecorded;
    "energy.usage": TributaryEnergy.UsageRecorded;
    "retail.products": TributaryRetail.ProductUpserted;
    "retail.sales": TributaryRetail.SaleRecorded;
    "telemetry.readings-corrected": TributaryTelemetry.SensorReadingCorrected;
    "energy.alerts": TributaryEnergy.ThresholdAlertRaised;
    "ingest.files-received": TributaryIngest.FileReceived;
    "ingest.jobs": TributaryIngest.JobStatusChanged;
    "ingest.rejections": TributaryIngest.RecordRejected;
    "identity.accounts": TributaryIdentity.AccountRegistered;
    "identity.api-keys-issued": TributaryIdentity.ApiKeyIssued;
    "identity.api-keys-revoked": TributaryIdentity.ApiKeyRevoked;
    "identity.logins-failed": TributaryIdentity.LoginFailed;
    "identity.account-events": TributaryIdentity.AccountEventRecorded;
    "ev.transactions-batches": TributaryEv.ChargingSessionsRecorded;
    "banking.transactions-batches": TributaryBanking.TransactionsRecorded;
    "telemetry.readings-batches": TributaryTelemetry.SensorReadingsRecorded;
    "energy.usage-batches": TributaryEnergy.UsagesRecorded;
    "retail.sales-batches": TributaryRetail.SalesRecorded;
    "ingest.rejections-batches": TributaryIngest.RecordsRejected;
}
