import { CreateDirectory1764200000000 } from './migrations/1764200000000-create-directory';
import { EvUsersFirstNameIndex1764300000000 } from './migrations/1764300000000-ev-users-first-name-index';
import { NamePrefixIndexes1764400000000 } from './migrations/1764400000000-name-prefix-indexes';

/**
 * The Postgres schema of the directory (jobs, rejected rows, EV users and chargers, bank clients,
 * products). Fixed: the gateway reads `directory.ingest_jobs` and the rest by name.
 */
export const DIRECTORY_SCHEMA = 'directory';

/**
 * The directory's migrations, in order; applied ones are never edited. directory-projector applies
 * them (it owns the tables and writes them); the gateway's store tests apply the same ones to a
 * database of their own and read through them, so a renamed column fails the reader's tests too.
 */
export const DIRECTORY_MIGRATIONS = [
  CreateDirectory1764200000000,
  EvUsersFirstNameIndex1764300000000,
  NamePrefixIndexes1764400000000,
] as const;
