// Validates Kubernetes objects against the API's OpenAPI schemas, offline: the validators ship
// compiled inside the kubernetes-models npm package (ESM only, hence this separate script, which
// deploy/*.spec.ts runs as a child process). Reads a JSON array of objects on stdin; prints a JSON
// array of `{ kind, name, problems }` for those that fail, or for kinds it has no model of.
import * as core from 'kubernetes-models/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as batch from 'kubernetes-models/batch/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as policy from 'kubernetes-models/policy/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';

const MODELS = {
  v1: core,
  'apps/v1': apps,
  'batch/v1': batch,
  'autoscaling/v2': autoscaling,
  'policy/v1': policy,
  'networking.k8s.io/v1': networking,
};

let input = '';
for await (const chunk of process.stdin) input += chunk;
const failures = [];
for (const object of JSON.parse(input)) {
  const name = object.metadata?.name ?? '(no name)';
  const Model = MODELS[object.apiVersion]?.[object.kind];
  if (typeof Model !== 'function' || Model.kind !== object.kind) {
    failures.push({
      kind: object.kind,
      name,
      problems: [`no model for ${object.apiVersion} ${object.kind}`],
    });
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    const details = error.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`) ?? [];
    failures.push({
      kind: object.kind,
      name,
      problems: details.length ? details : [String(error.message)],
    });
  }
}
process.stdout.write(JSON.stringify(failures));
