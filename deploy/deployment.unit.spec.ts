/**
 * The deployment checks, without Docker or a cluster: the kustomize output of the base and of
 * every overlay renders and validates against the Kubernetes OpenAPI schemas (offline, from the
 * kubernetes-models package); every service's config schema accepts the environment compose and
 * Kubernetes give it; every image's entry point is a file its build produces; compose and
 * Kubernetes agree on ports and health paths; the security, scaling and network rules of the
 * issue hold in every overlay.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, matchesGlob } from 'node:path';
import { TOPICS } from '@tributary/contracts';
import { configProblems, loadConfig, provisionConfigSchema } from '@tributary/platform';
import { parse, parseAllDocuments } from 'yaml';
import { type z } from 'zod';
import {
  build,
  NODE_HEAP_OPTIONS,
  pruneLock,
  ROOT,
  undecidedOptionalPeers,
  UNITS,
} from './build/build';
import { readmeOf, readmeWithConfig, SERVICE_CONFIGS } from './service-configs';
// The deployment is the one place that knows every service: it checks their config schemas
// (tagged type:deploy; eslint.config.mjs allows exactly these imports, in deploy/ alone).
import { gatewayConfigSchema } from '../services/gateway/src/config/gateway.config';
import {
  API_READER_PROFILE,
  API_READER_SETTINGS,
  projectorMigrateConfigSchema,
} from '../services/analytics-projector/src/migrate';
import { directoryMigrateConfigSchema } from '../services/directory-projector/src/migrate';
import { fileIngestMigrateConfigSchema } from '../services/file-ingest/src/migrate';
import { gatewayMigrateConfigSchema } from '../services/gateway/src/migrate';
import { newJwtPrivateKey } from '@tributary/testing';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SCHEMAS: Record<string, z.ZodType> = SERVICE_CONFIGS;
const SERVICES = Object.keys(SCHEMAS);
/**
 * The services with database migrations, and the config schema of their `node . migrate`: a Job
 * (Kubernetes) or a one-shot service (compose) runs it; the long-running ones set MIGRATIONS=skip.
 */
const MIGRATE_SCHEMAS: Record<string, z.ZodType> = {
  gateway: gatewayMigrateConfigSchema,
  'file-ingest': fileIngestMigrateConfigSchema,
  'directory-projector': directoryMigrateConfigSchema,
  'analytics-projector': projectorMigrateConfigSchema,
};
const MIGRATING = Object.keys(MIGRATE_SCHEMAS);
const MIGRATE_ARGS = ['node', '.', 'migrate'];
const KUSTOMIZATIONS = ['k8s/base', 'k8s/overlays/dev', 'k8s/overlays/prod'];

/**
 * Stand-ins for values that live in Secrets (Kubernetes) or the operator's env file (compose):
 * strong, since the images run with NODE_ENV=production and refuse weak ones.
 */
const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgresql://tributary:3f9a0c7e51d24b86@postgres:5432/tributary',
  CLICKHOUSE_PASSWORD: '8c1e4b7a0d3f6925',
  CLICKHOUSE_API_PASSWORD: '5d2a9e0f7c4b1836',
  REDIS_URL: 'redis://:b7e3a1094c6d2f58@redis:6379',
  REDIS_PASSWORD: 'b7e3a1094c6d2f58',
  JWT_PRIVATE_KEY: newJwtPrivateKey(),
  SERVICE_CREDENTIAL: '0f3c6a9d2e5b8147a0c3f6e9d2b5a814',
  TRIBUTARY_ADMIN_EMAIL: 'admin@example.com',
  TRIBUTARY_ADMIN_PASSWORD: 'stand-in root passphrase',
  POSTGRES_PASSWORD: '0123456789abcdef',
  S3_ACCESS_KEY_ID: 'key',
  S3_SECRET_ACCESS_KEY: 'e4a7c0b3f6d9218a',
};

/** What the images set (deploy/docker/Dockerfile): secrets are held to the production rule. */
const IMAGE_ENV = { NODE_ENV: 'production' };

function serviceConfigProblems(
  service: string,
  env: Record<string, string>,
  schemas: Record<string, z.ZodType> = SCHEMAS,
): readonly string[] {
  return configProblems(schemas[service]!, { ...IMAGE_ENV, ...env });
}

const kustomize = execFileSync('bash', [join(ROOT, 'scripts/deploy-tools.sh')], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
}).trim();

const rendered = new Map<string, Obj[]>();
function render(path: string): Obj[] {
  if (!rendered.has(path)) {
    const output = execFileSync(kustomize, ['build', join(ROOT, path)], { encoding: 'utf8' });
    rendered.set(
      path,
      parseAllDocuments(output).map((doc) => doc.toJS() as Obj),
    );
  }
  return rendered.get(path)!;
}

const ofKind = (objects: Obj[], kind: string): Obj[] => objects.filter((o) => o.kind === kind);
const named = (objects: Obj[], kind: string, name: string): Obj | undefined =>
  objects.find((o) => o.kind === kind && o.metadata?.name === name);

/** A container's environment as the kubelet would build it; secret values are stand-ins. */
function k8sEnv(objects: Obj[], container: Obj): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    expect(source.secretRef).toBeUndefined(); // keys of a Secret must be named where they are used
    const configMap = named(objects, 'ConfigMap', source.configMapRef?.name);
    expect(configMap).toBeDefined();
    Object.assign(env, configMap!.data);
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = String(variable.value);
    else if (variable.valueFrom?.secretKeyRef) {
      // An optional key may be absent: the config must hold without it.
      if (variable.valueFrom.secretKeyRef.optional) continue;
      const standIn = SECRET_STAND_INS[variable.name];
      expect({ variable: variable.name, standIn }).toEqual({
        variable: variable.name,
        standIn: expect.any(String),
      });
      env[variable.name] = standIn!;
    } else if (variable.valueFrom?.configMapKeyRef) {
      const ref = variable.valueFrom.configMapKeyRef;
      env[variable.name] = named(objects, 'ConfigMap', ref.name)?.data?.[ref.key];
    } else throw new Error(`${variable.name}: unsupported env source`);
  }
  return env;
}

function podContainers(object: Obj): Obj[] {
  return object.spec.template.spec.containers as Obj[];
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as Obj;

/** A compose value with `${VAR:?…}` and `${VAR:-default}` resolved as compose would. */
function interpolate(value: string): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g,
    (_whole, name: string, op, arg) => {
      if (op === '-') return arg as string;
      const standIn = SECRET_STAND_INS[name];
      if (standIn === undefined) throw new Error(`docker-compose.yml: no stand-in for \${${name}}`);
      return standIn;
    },
  );
}

function composeEnv(service: string): Record<string, string> {
  const environment = (compose.services[service]?.environment ?? {}) as Obj;
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, interpolate(String(value))]),
  );
}

/** `fetch('http://127.0.0.1:<port><path>')` in a compose health check → port and path. */
function composeHealth(service: string): { port: number; path: string } {
  const test = (compose.services[service]?.healthcheck?.test ?? []) as string[];
  const match = /http:\/\/127\.0\.0\.1:(\d+)(\/[^'"]*)/.exec(test.join(' '));
  expect(match).not.toBeNull();
  return { port: Number(match![1]), path: match![2]! };
}

describe.each(KUSTOMIZATIONS)('kustomize build %s', (path) => {
  let objects: Obj[];
  beforeAll(() => {
    objects = render(path);
  });

  it('renders the whole system', () => {
    for (const service of SERVICES) {
      for (const kind of [
        'Deployment',
        'Service',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
      ])
        expect({ kind, service, found: !!named(objects, kind, service) }).toEqual({
          kind,
          service,
          found: true,
        });
    }
    expect(named(objects, 'Job', 'provision')).toBeDefined();
    for (const service of MIGRATING)
      expect({ service, job: !!named(objects, 'Job', `migrate-${service}`) }).toEqual({
        service,
        job: true,
      });
  });

  it('migrates each service in a Job of its own image; the Deployments skip the migrations', () => {
    for (const service of SERVICES) {
      const deployment = podContainers(named(objects, 'Deployment', service)!)[0]!;
      const mode = (loadConfig(SCHEMAS[service]!, k8sEnv(objects, deployment)) as Obj)[
        'MIGRATIONS'
      ];
      const job = named(objects, 'Job', `migrate-${service}`);
      if (!MIGRATING.includes(service)) {
        expect({ service, job, mode }).toEqual({ service, job: undefined, mode: undefined });
        continue;
      }
      expect({ service, mode }).toEqual({ service, mode: 'skip' });
      const [container, ...others] = podContainers(job!);
      expect(others).toEqual([]);
      expect({ service, image: container!.image, args: container!.args }).toEqual({
        service,
        image: deployment.image,
        args: MIGRATE_ARGS,
      });
      expect({
        service,
        problems: serviceConfigProblems(service, k8sEnv(objects, container!), MIGRATE_SCHEMAS),
      }).toEqual({ service, problems: [] });
      expect(job!.spec.template.spec.restartPolicy).toBe('OnFailure');
      expect(job!.spec.template.metadata.labels['app.kubernetes.io/component']).toBe('migrate');
    }
    // deploy/README.md applies in steps by these labels: only the workloads carry a component.
    for (const object of objects) {
      const component = object.metadata.labels?.['app.kubernetes.io/component'] as
        string | undefined;
      const expected =
        object.kind === 'Job'
          ? object.metadata.name === 'provision'
            ? 'job'
            : 'migrate'
          : object.kind === 'Deployment'
            ? component
            : undefined;
      expect({ kind: object.kind, name: object.metadata.name, component }).toEqual({
        kind: object.kind,
        name: object.metadata.name,
        component: expected,
      });
      if (object.kind === 'Deployment') expect(['api', 'worker']).toContain(component);
    }
    const egress = named(objects, 'NetworkPolicy', 'migrate-egress');
    expect(egress?.spec.podSelector).toEqual({
      matchLabels: { 'app.kubernetes.io/component': 'migrate' },
    });
  });

  it('validates every object against the Kubernetes OpenAPI schemas', () => {
    const failures = JSON.parse(
      execFileSync('node', [join(__dirname, 'checks/validate-k8s.mjs')], {
        input: JSON.stringify(objects),
        encoding: 'utf8',
      }),
    ) as unknown[];
    expect(failures).toEqual([]);
  });

  it('commits no Secret: they are referenced, supplied at deploy time', () => {
    expect(ofKind(objects, 'Secret')).toEqual([]);
  });

  it('gives every service the environment its config schema requires', () => {
    for (const service of SERVICES) {
      const container = podContainers(named(objects, 'Deployment', service)!)[0]!;
      expect({
        service,
        problems: serviceConfigProblems(service, k8sEnv(objects, container)),
      }).toEqual({
        service,
        problems: [],
      });
    }
  });

  it('has the gateway read ClickHouse as the read-only user the projector’s migration creates', () => {
    const gateway = podContainers(named(objects, 'Deployment', 'gateway')!)[0]!;
    const migrate = podContainers(named(objects, 'Job', 'migrate-analytics-projector')!)[0]!;
    const secretOf = (container: Obj, variable: string) =>
      (container.env as Obj[]).find((e) => e.name === variable)?.valueFrom?.secretKeyRef;
    const reader = k8sEnv(objects, gateway)['CLICKHOUSE_USER'];
    const created = k8sEnv(objects, migrate)['CLICKHOUSE_API_USER'];
    expect({ reader, created }).toEqual({ reader: 'tributary_api', created: 'tributary_api' });
    expect(reader).not.toBe(k8sEnv(objects, migrate)['CLICKHOUSE_USER']);
    expect(secretOf(gateway, 'CLICKHOUSE_PASSWORD')).toEqual({
      name: 'tributary-clickhouse-api',
      key: 'password',
    });
    expect(secretOf(migrate, 'CLICKHOUSE_API_PASSWORD')).toEqual(
      secretOf(gateway, 'CLICKHOUSE_PASSWORD'),
    );
    // The projector keeps the user that writes.
    const projector = podContainers(named(objects, 'Deployment', 'analytics-projector')!)[0]!;
    expect(k8sEnv(objects, projector)['CLICKHOUSE_USER']).toBe('tributary');
  });

  it('wires Kafka SASL/TLS and the registry’s credentials from optional Secrets', () => {
    const optional = {
      KAFKA_SASL_USERNAME: 'tributary-kafka',
      KAFKA_SASL_PASSWORD: 'tributary-kafka',
      SCHEMA_REGISTRY_USERNAME: 'tributary-schema-registry',
      SCHEMA_REGISTRY_PASSWORD: 'tributary-schema-registry',
    };
    for (const service of SERVICES) {
      const deployment = named(objects, 'Deployment', service)!;
      const container = podContainers(deployment)[0]!;
      for (const [variable, secret] of Object.entries(optional)) {
        const ref = (container.env as Obj[]).find((e) => e.name === variable)?.valueFrom
          ?.secretKeyRef;
        expect({ service, variable, secret: ref?.name, optional: ref?.optional }).toEqual({
          service,
          variable,
          secret,
          optional: true,
        });
      }
      const ca = (deployment.spec.template.spec.volumes as Obj[]).find(
        (v) => v.name === 'kafka-ca',
      );
      expect({ service, secret: ca?.secret }).toMatchObject({
        service,
        secret: { secretName: 'tributary-kafka', optional: true },
      });
      // With the Secrets present and TLS + SCRAM turned on in config.env, the config holds.
      const env = {
        ...k8sEnv(objects, container),
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'tributary',
        KAFKA_SASL_PASSWORD: 'a61f0d8c3e7b2954',
        SCHEMA_REGISTRY_USERNAME: 'key',
        SCHEMA_REGISTRY_PASSWORD: '9b4e2d7f0a3c6185',
      };
      expect({ service, problems: serviceConfigProblems(service, env) }).toEqual({
        service,
        problems: [],
      });
    }
  });

  it('gives the provision Job the same Kafka and registry credentials, and a valid config', () => {
    const job = named(objects, 'Job', 'provision')!;
    const container = podContainers(job)[0]!;
    const secretOf = (variable: string) =>
      (container.env as Obj[]).find((e) => e.name === variable)?.valueFrom?.secretKeyRef?.name;
    expect(
      ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'SCHEMA_REGISTRY_USERNAME'].map(secretOf),
    ).toEqual(['tributary-kafka', 'tributary-kafka', 'tributary-schema-registry']);
    const ca = (job.spec.template.spec.volumes as Obj[]).find((v) => v.name === 'kafka-ca');
    expect(ca?.secret).toMatchObject({ secretName: 'tributary-kafka', optional: true });
    const env = {
      ...k8sEnv(objects, container),
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'tributary',
      KAFKA_SASL_PASSWORD: 's3cret',
    };
    const replication = (container.env as Obj[]).find(
      (e) => e.name === 'KAFKA_REPLICATION_FACTOR',
    )?.value;
    expect(loadConfig(provisionConfigSchema, env)).toMatchObject({
      KAFKA_REPLICATION_FACTOR: Number(replication),
      KAFKA_SSL: true,
    });
  });

  it('runs every pod non-root, unprivileged, on a read-only root filesystem, with limits', () => {
    for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
      const pod = workload.spec.template.spec;
      const name = workload.metadata.name;
      expect({ name, runAsNonRoot: pod.securityContext?.runAsNonRoot }).toEqual({
        name,
        runAsNonRoot: true,
      });
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of pod.containers as Obj[]) {
        expect({ name, securityContext: container.securityContext }).toMatchObject({
          name,
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        });
        for (const bound of ['requests', 'limits'])
          expect({
            name,
            bound,
            keys: Object.keys(container.resources?.[bound] ?? {}).sort(),
          }).toEqual({ name, bound, keys: ['cpu', 'memory'] });
      }
    }
  });

  it('probes the health routes on the HTTP port and spreads the replicas', () => {
    for (const service of SERVICES) {
      const deployment = named(objects, 'Deployment', service)!;
      const container = podContainers(deployment)[0]!;
      const http = (container.ports as Obj[]).find((p) => p.name === 'http');
      expect(String(http?.containerPort)).toBe(
        (container.env as Obj[]).find((e) => e.name === 'HTTP_PORT')?.value,
      );
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      const spread = deployment.spec.template.spec.topologySpreadConstraints as Obj[];
      expect(spread.map((c) => c.topologyKey).sort()).toEqual([
        'kubernetes.io/hostname',
        'topology.kubernetes.io/zone',
      ]);
    }
  });

  it('scales consumers no further than the partitions of the topics they read', () => {
    for (const service of ['analytics-projector', 'directory-projector', 'file-ingest']) {
      const partitions = Math.max(
        ...TOPICS.filter((t) => (t.consumers as readonly string[]).includes(service)).map(
          (t) => t.partitions,
        ),
      );
      const hpa = named(objects, 'HorizontalPodAutoscaler', service)!;
      expect({ service, maxReplicas: hpa.spec.maxReplicas }).toEqual({
        service,
        maxReplicas: Math.min(hpa.spec.maxReplicas, partitions),
      });
    }
    for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler'))
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
  });

  it('exposes the gateway alone, and denies all other traffic by default', () => {
    const ingresses = ofKind(objects, 'Ingress');
    const backends = ingresses.flatMap((ingress) =>
      (ingress.spec.rules as Obj[]).flatMap((rule) =>
        (rule.http.paths as Obj[]).map((p) => p.backend.service.name),
      ),
    );
    expect([...new Set(backends)]).toEqual(['gateway']);
    for (const service of ofKind(objects, 'Service'))
      expect({ name: service.metadata.name, type: service.spec.type }).toEqual({
        name: service.metadata.name,
        type: 'ClusterIP',
      });

    const policies = ofKind(objects, 'NetworkPolicy');
    const deny = named(objects, 'NetworkPolicy', 'default-deny');
    expect(deny?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    for (const policy of policies) {
      for (const rule of (policy.spec.ingress ?? []) as Obj[]) {
        const target = policy.spec.podSelector.matchLabels?.['app.kubernetes.io/name'];
        for (const peer of (rule.from ?? [{}]) as Obj[]) {
          if (peer.namespaceSelector === undefined && peer.ipBlock === undefined) {
            expect(peer.podSelector).toBeDefined(); // this namespace's pods only
            continue;
          }
          const from = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
          const ports = (rule.ports as Obj[]).map((p) => p.port);
          // From outside the namespace: the ingress controller to the gateway, or Prometheus
          // to the ops ports (each service's `http`, the gateway's `ops`).
          const allowed =
            (target === 'gateway' && from !== undefined && from !== 'monitoring') ||
            (from === 'monitoring' && ports.every((p) => p === 'http' || p === 'ops'));
          expect({ policy: policy.metadata.name, from, allowed }).toEqual({
            policy: policy.metadata.name,
            from,
            allowed: true,
          });
        }
      }
    }
    for (const name of [...SERVICES, 'provision'])
      expect(named(objects, 'NetworkPolicy', `${name}-egress`)).toBeDefined();
  });
});

describe('service READMEs', () => {
  it.each(Object.keys(SERVICE_CONFIGS))(
    '%s: the configuration table is the one its config schema gives (npm run docs:config)',
    (service) => {
      expect(readFileSync(readmeOf(service), 'utf8')).toBe(
        readmeWithConfig(service as keyof typeof SERVICE_CONFIGS),
      );
    },
  );
});

describe('docker-compose.yml', () => {
  it.each(SERVICES)('gives %s the environment its config schema requires', (service) => {
    expect(serviceConfigProblems(service, composeEnv(service))).toEqual([]);
  });

  it.each(MIGRATING)(
    'migrates %s once, before it starts, in a one-shot run of its image',
    (service) => {
      const migrate = compose.services[`migrate-${service}`] as Obj;
      const main = compose.services[service] as Obj;
      expect(migrate).toMatchObject({
        image: main.image,
        build: { dockerfile: 'deploy/docker/Dockerfile', args: { SERVICE: service } },
        command: MIGRATE_ARGS,
        restart: 'no',
        read_only: true,
        cap_drop: ['ALL'],
        security_opt: ['no-new-privileges:true'],
      });
      expect(migrate.depends_on.provision).toEqual({
        condition: 'service_completed_successfully',
      });
      expect(
        serviceConfigProblems(service, composeEnv(`migrate-${service}`), MIGRATE_SCHEMAS),
      ).toEqual([]);
      expect(main.depends_on[`migrate-${service}`]).toEqual({
        condition: 'service_completed_successfully',
      });
      expect(composeEnv(service)['MIGRATIONS']).toBe('skip');
    },
  );

  it('has the gateway read ClickHouse as the read-only user its migration creates', () => {
    const gateway = compose.services['gateway'] as Obj;
    const migrate = compose.services['migrate-analytics-projector'] as Obj;
    expect({
      user: gateway.environment.CLICKHOUSE_USER,
      password: gateway.environment.CLICKHOUSE_PASSWORD,
    }).toEqual({
      user: migrate.environment.CLICKHOUSE_API_USER,
      password: migrate.environment.CLICKHOUSE_API_PASSWORD,
    });
    expect(gateway.environment.CLICKHOUSE_USER).not.toBe(migrate.environment.CLICKHOUSE_USER);
    expect(gateway.depends_on['migrate-analytics-projector']).toEqual({
      condition: 'service_completed_successfully',
    });
  });

  it('asks Redis for a password, the one in the gateway’s REDIS_URL', () => {
    const redis = compose.services['redis'] as Obj;
    expect((redis.command as string[]).slice(-2)).toEqual([
      '--requirepass',
      '${REDIS_PASSWORD:?set REDIS_PASSWORD (see README)}',
    ]);
    expect(new URL(composeEnv('gateway')['REDIS_URL']!).password).toBe(
      SECRET_STAND_INS['REDIS_PASSWORD'],
    );
  });

  it('agrees with Kubernetes on each service’s port and health path', () => {
    const objects = render('k8s/base');
    for (const service of SERVICES) {
      const container = podContainers(named(objects, 'Deployment', service)!)[0]!;
      const http = (container.ports as Obj[]).find((p) => p.name === 'http')!;
      const health = composeHealth(service);
      expect({ service, ...health }).toEqual({
        service,
        port: http.containerPort,
        path: container.readinessProbe.httpGet.path,
      });
      expect(composeEnv(service)['HTTP_PORT']).toBe(String(http.containerPort));
    }
    // sensor-ingest's RPC port: the gateway's address for it, in both.
    const rpc = (
      podContainers(named(objects, 'Deployment', 'sensor-ingest')!)[0]!.ports as Obj[]
    ).find((p) => p.name === 'rpc')!.containerPort;
    expect(composeEnv('gateway')['SENSOR_INGEST_ADDRESS']).toBe(`sensor-ingest:${rpc}`);
    expect(composeEnv('sensor-ingest')['RPC_PORT']).toBe(String(rpc));
  });

  it('runs every Tributary container read-only, unprivileged, from the one Dockerfile', () => {
    for (const unit of Object.keys(UNITS)) {
      const service = compose.services[unit] as Obj;
      expect({ unit, defined: !!service }).toEqual({ unit, defined: true });
      expect(service).toMatchObject({
        read_only: true,
        cap_drop: ['ALL'],
        security_opt: ['no-new-privileges:true'],
        build: { dockerfile: 'deploy/docker/Dockerfile', args: { SERVICE: unit } },
      });
      expect(service.command).toBeUndefined();
      expect(service.entrypoint).toBeUndefined();
    }
    expect(compose.services.gateway.ports).toEqual(['3000:3000']);
  });

  it('builds each image with its unit’s V8 heap flags, as deploy/images/build.sh does', () => {
    // Compose builds an image wherever a service names it: every service of one image (the
    // unit's and its migration's) must pass the same build arguments, or the tags disagree.
    const built = Object.values(compose.services as Record<string, Obj>).filter(
      (s) => s.build?.args?.SERVICE in UNITS,
    );
    expect(built.length).toBeGreaterThan(Object.keys(UNITS).length);
    for (const service of built) {
      const unit = service.build.args.SERVICE as string;
      const heap = NODE_HEAP_OPTIONS[unit];
      expect({ unit, args: service.build.args }).toEqual({
        unit,
        args: { SERVICE: unit, ...(heap ? { NODE_HEAP_OPTIONS: heap } : {}) },
      });
    }
  });
});

describe('the local stack’s ClickHouse users', () => {
  it('give the API user the profile the projector’s migration writes as SQL', () => {
    const xml = readFileSync(join(ROOT, 'deploy/clickhouse/users.xml'), 'utf8');
    const profile = new RegExp(`<${API_READER_PROFILE}>([\\s\\S]*?)</${API_READER_PROFILE}>`).exec(
      xml,
    )?.[1];
    const settings = Object.fromEntries(
      [...(profile ?? '').matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map(([, name, value]) => [
        name,
        value,
      ]),
    );
    const { load_balancing: _ignored, ...limits } = settings;
    expect(limits).toEqual(
      Object.fromEntries(
        Object.entries(API_READER_SETTINGS).map(([name, value]) => [name, String(value)]),
      ),
    );
    expect(xml).toMatch(
      new RegExp(
        `<tributary_api>[\\s\\S]*<profile>${API_READER_PROFILE}</profile>[\\s\\S]*</tributary_api>`,
      ),
    );
  });
});

describe('images', () => {
  const dockerfile = readFileSync(join(ROOT, 'deploy/docker/Dockerfile'), 'utf8');
  const dockerignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const out = mkdtempSync(join(tmpdir(), 'tributary-images-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('run the Node of .nvmrc, as a non-root user, with a health check', () => {
    const nvmrc = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
    expect(dockerfile).toMatch(new RegExp(`^ARG NODE_IMAGE=node:${nvmrc}-`, 'm'));
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*/m);
    expect(dockerfile).toMatch(/\/health\/live/);
    expect(dockerfile).toMatch(/^CMD \["node", "\."\]$/m);
    // The config checks above hold the secrets to the production rule for this reason.
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production\b/m);
  });

  const builds = new Map<string, ReturnType<typeof build>>();
  const built = (unit: string): ReturnType<typeof build> => {
    if (!builds.has(unit)) builds.set(unit, build(unit, join(out, unit)));
    return builds.get(unit)!;
  };

  it.each(Object.keys(UNITS))(
    '%s: the entry point is a built file, and every file it needs is in the build context',
    (unit) => {
      const result = built(unit);
      const manifest = JSON.parse(readFileSync(join(result.out, 'package.json'), 'utf8')) as Obj;
      // `node .` runs `main`; it must be the compiled entry.
      expect(manifest.main).toBe(UNITS[unit]!.replace(/\.ts$/, '.js').replace(/^/, 'app/'));
      expect(() => readFileSync(join(result.out, manifest.main))).not.toThrow();
      const lock = JSON.parse(readFileSync(join(result.out, 'package-lock.json'), 'utf8')) as Obj;
      expect(lock.packages[''].dependencies).toEqual(manifest.dependencies);
      for (const name of Object.keys(manifest.dependencies))
        expect(lock.packages[`node_modules/${name}`]).toBeDefined();
      const excluded = [...result.files, ...result.assets].filter((file) =>
        dockerignore.some(
          (pattern) => matchesGlob(file, pattern) || file.startsWith(`${pattern}/`),
        ),
      );
      expect(excluded).toEqual([]);
    },
  );

  describe('dependency closure', () => {
    // A lockfile as npm writes it: `lib` needs `dep` (nested under it), peers on `peer` and
    // optionally on `maybe`, and optionally depends on `opt`; the workspace hoisted `maybe` too.
    const lock = {
      packages: {
        '': { dependencies: { lib: '1.0.0' } },
        'node_modules/lib': {
          version: '1.0.0',
          dependencies: { dep: '^2' },
          optionalDependencies: { opt: '^1', absent: '^1' },
          peerDependencies: { peer: '*', maybe: '*', missing: '*' },
          peerDependenciesMeta: { maybe: { optional: true }, missing: { optional: true } },
        },
        'node_modules/lib/node_modules/dep': { version: '2.0.0' },
        'node_modules/opt': { version: '1.0.0' },
        'node_modules/peer': { version: '1.0.0' },
        'node_modules/maybe': { version: '1.0.0' },
        'node_modules/unrelated': { version: '1.0.0' },
      },
    };

    it('keeps dependencies, optional dependencies and required peers; sets optional peers apart', () => {
      const { keep, optionalPeers } = pruneLock(lock, ['lib']);
      expect([...keep.keys()].sort()).toEqual([
        'node_modules/lib',
        'node_modules/lib/node_modules/dep',
        'node_modules/opt',
        'node_modules/peer',
      ]);
      expect([...optionalPeers]).toEqual([['node_modules/maybe', ['node_modules/lib']]]);
    });

    it('keeps an optional peer the unit loads, and asks about none then', () => {
      const { keep, optionalPeers } = pruneLock(lock, ['lib', 'maybe']);
      expect(keep.has('node_modules/maybe')).toBe(true);
      expect(optionalPeers.size).toBe(0);
    });

    it('names each optional peer the unit has not decided on, with who wants it', () => {
      const { optionalPeers } = pruneLock(lock, ['lib']);
      expect(undecidedOptionalPeers(optionalPeers, [])).toEqual([
        { name: 'maybe', wantedBy: ['lib'] },
      ]);
      expect(undecidedOptionalPeers(optionalPeers, ['maybe'])).toEqual([]);
    });

    it('installs what the gateway loads by name: Swagger UI’s files are served by @fastify/static', () => {
      expect(Object.keys(built('gateway').dependencies)).toContain('@fastify/static');
    });
  });

  it('puts the web console where the gateway’s CONSOLE_DIR default finds it in the image', () => {
    const consoleDir = gatewayConfigSchema.shape.CONSOLE_DIR.parse(undefined);
    const index = readFileSync(join(built('gateway').out, consoleDir, 'index.html'), 'utf8');
    expect(index).toMatch(/<script type="module" src="\.\/assets\/app-[A-Z0-9]+\.js"/);
  });

  it.each(MIGRATING)(
    '%s: `node . migrate` is the built entry’s migrate command (it validates its config first)',
    (unit) => {
      // The built code, its packages from the workspace (no npm ci here), no environment: the
      // command must refuse to start, naming what it needs, before it connects to anything.
      const run = (args: string[]) =>
        spawnSync(process.execPath, ['.', ...args], {
          cwd: built(unit).out,
          env: { PATH: process.env['PATH'], NODE_PATH: join(ROOT, 'node_modules') },
          encoding: 'utf8',
          timeout: 60_000,
        });
      const migrate = run(MIGRATE_ARGS.slice(2));
      const missing = (MIGRATE_SCHEMAS[unit] as z.ZodObject).keyof().options[0];
      expect({ status: migrate.status, stderr: migrate.stderr }).toEqual({
        status: 1,
        stderr: expect.stringContaining(
          `${unit} migrate: Invalid configuration:\n  - ${missing}: is required`,
        ),
      });
      const unknown = run(['migrations']);
      expect({ status: unknown.status, stderr: unknown.stderr }).toEqual({
        status: 2,
        stderr: expect.stringContaining('`node . migrate`'),
      });
    },
  );

  it('exist for every image compose and Kubernetes run', () => {
    const images = new Set<string>();
    for (const service of Object.values(compose.services as Obj))
      if (typeof service.image === 'string' && service.image.startsWith('tributary/'))
        images.add(service.image.replace(/^tributary\//, '').replace(/:.*$/, ''));
    for (const path of KUSTOMIZATIONS)
      for (const workload of [
        ...ofKind(render(path), 'Deployment'),
        ...ofKind(render(path), 'Job'),
      ])
        for (const container of podContainers(workload)) {
          const unit = /tributary\/([a-z-]+):/.exec(container.image)?.[1];
          expect({ image: container.image, unit }).toEqual({
            image: container.image,
            unit: expect.any(String),
          });
          expect(container.command).toBeUndefined();
          images.add(unit!);
        }
    expect([...images].sort()).toEqual(Object.keys(UNITS).sort());
  });
});
