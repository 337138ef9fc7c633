import { Column, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { stackConfig, uniqueName } from '@tributary/testing';
import { createDataSource } from './data-source.factory';
import { runMigrations } from './migrations';
import { postgresConfigSchema } from './postgres.config';

const config = stackConfig(postgresConfigSchema);

@Entity({ name: 'chargers' })
class Charger {
  @PrimaryColumn({ name: 'charger_id', type: 'text' })
  chargerId!: string;

  @Column({ type: 'text' })
  city!: string;

  @Column({ name: 'power_kw', type: 'numeric', precision: 8, scale: 2 })
  powerKw!: string;
}

class CreateChargers1700000000000 implements MigrationInterface {
  name = 'CreateChargers1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE chargers (charger_id text PRIMARY KEY, city text NOT NULL, power_kw numeric(8,2) NOT NULL)`,
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE chargers');
  }
}

describe('Postgres through TypeORM with migrations', () => {
  const schema = uniqueName('platform_test');
  const options = {
    entities: [Charger],
    migrations: [CreateChargers1700000000000],
    schema,
    poolSize: 2,
  };

  afterAll(async () => {
    const cleanup = createDataSource(config, options);
    await cleanup.initialize();
    await cleanup.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await cleanup.destroy();
  });

  it('applies a migration once even when two replicas start together, then upserts and reads', async () => {
    const replicas = [createDataSource(config, options), createDataSource(config, options)];
    await Promise.all(replicas.map((ds) => ds.initialize()));
    try {
      const applied = await Promise.all(replicas.map((ds) => runMigrations(ds, `test:${schema}`)));
      expect(applied.map((list) => list.map((m) => m.name)).sort()).toEqual([
        [],
        ['CreateChargers1700000000000'],
      ]);

      const repo = replicas[0]!.getRepository(Charger);
      await repo.upsert({ chargerId: 'ch-1', city: 'Lyon', powerKw: '22.00' }, ['chargerId']);
      await repo.upsert({ chargerId: 'ch-1', city: 'Lyon', powerKw: '50.00' }, ['chargerId']);
      expect(await repo.find()).toEqual([{ chargerId: 'ch-1', city: 'Lyon', powerKw: '50.00' }]);
    } finally {
      await Promise.all(replicas.map((ds) => ds.destroy()));
    }
  });
});
