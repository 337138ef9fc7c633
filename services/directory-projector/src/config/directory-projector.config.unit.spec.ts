import { ConfigError, loadConfig } from '@tributary/platform';
import { directoryProjectorConfigSchema } from './directory-projector.config';

const valid = {
  KAFKA_BROKERS: '127.0.0.1:19092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081',
  DATABASE_URL: 'postgresql://tributary:secret@127.0.0.1:15432/tributary',
  HTTP_PORT: '3501',
};

describe('directory-projector config', () => {
  it('reads a complete environment, with the documented defaults', () => {
    expect(loadConfig(directoryProjectorConfigSchema, valid)).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:19092'],
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081',
      DATABASE_URL: 'postgresql://tributary:secret@127.0.0.1:15432/tributary',
      HTTP_PORT: 3501,
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      MIGRATIONS: 'on-start',
      DIRECTORY_GROUP_ID: 'directory-projector',
      DIRECTORY_MAX_CHUNK: 5000,
      KAFKA_SESSION_TIMEOUT_MS: 10000,
    });
    expect(
      loadConfig(directoryProjectorConfigSchema, {
        ...valid,
        DIRECTORY_GROUP_ID: 'files-e2e-directory',
        DIRECTORY_MAX_CHUNK: '200',
        LOG_LEVEL: 'warn',
      }),
    ).toMatchObject({
      DIRECTORY_GROUP_ID: 'files-e2e-directory',
      DIRECTORY_MAX_CHUNK: 200,
      LOG_LEVEL: 'warn',
    });
  });

  it('refuses to boot naming each missing or bad variable', () => {
    const { DATABASE_URL: _d, ...rest } = valid;
    let error: unknown;
    try {
      loadConfig(directoryProjectorConfigSchema, {
        ...rest,
        KAFKA_BROKERS: 'kafka',
        HTTP_PORT: '70000',
        DIRECTORY_GROUP_ID: ' ',
        DIRECTORY_MAX_CHUNK: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'KAFKA_BROKERS: must be a comma-separated list of host:port',
      'DATABASE_URL: is required',
      'HTTP_PORT: must be a port number between 1 and 65535',
      'DIRECTORY_GROUP_ID: must not be empty',
      'DIRECTORY_MAX_CHUNK: must be a positive whole number',
    ]);
  });
});
