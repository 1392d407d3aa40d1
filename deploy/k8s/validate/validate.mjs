// Validates rendered manifests (a multi-document YAML file) offline: every Kubernetes object
// against its schema (kubernetes-models), the CloudNativePG Cluster against its CRD's OpenAPI
// schema (with unknown fields refused, so a typo is caught), and the rules this project holds
// every workload to (probes, securityContext, resources). Usage: node validate.mjs FILE CRD...
// Exits non-zero, naming the object and the problem, on the first file with any problem.
import { readFileSync } from "node:fs";
import { parseAllDocuments, parse } from "yaml";
import Ajv from "ajv";

const [file, ...crdFiles] = process.argv.slice(2);
const problems = [];
const fail = (object, message) =>
  problems.push(`${object.kind ?? "?"}/${object.metadata?.name ?? "?"}: ${message}`);

// Custom resources: their CRDs' schemas, strict about unknown fields.
function strict(schema) {
  if (schema && typeof schema === "object") {
    if (schema.type === "object" && schema.properties && schema.additionalProperties === undefined &&
        !schema["x-kubernetes-preserve-unknown-fields"]) {
      schema.additionalProperties = false;
    }
    for (const value of Object.values(schema)) strict(value);
  }
  return schema;
}
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const custom = new Map();
for (const crdFile of crdFiles) {
  const crd = parse(readFileSync(crdFile, "utf8"));
  for (const version of crd.spec.versions) {
    const schema = strict(structuredClone(version.schema.openAPIV3Schema));
    // apiVersion, kind and metadata are checked by the API server, not by the CRD's schema.
    schema.properties.metadata = { type: "object" };
    custom.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
  }
}

async function validateCore(object) {
  const [group, version] = object.apiVersion.includes("/")
    ? object.apiVersion.split("/")
    : ["", object.apiVersion];
  const path = `kubernetes-models/${group ? group + "/" : ""}${version}/${object.kind}`;
  let Model;
  try {
    ({ [object.kind]: Model } = await import(path));
  } catch {
    return fail(object, `no schema for ${object.apiVersion} ${object.kind}`);
  }
  try {
    new Model(object).validate();
  } catch (e) {
    fail(object, e.message);
  }
}

// What every container of ours must have (issue: probes, resources, a strict securityContext).
function checkWorkload(object) {
  const pod = object.spec?.template?.spec;
  if (!pod) return;
  const podSecurity = pod.securityContext ?? {};
  if (podSecurity.runAsNonRoot !== true) fail(object, "pod securityContext.runAsNonRoot is not true");
  if (podSecurity.seccompProfile?.type !== "RuntimeDefault") fail(object, "seccompProfile is not RuntimeDefault");
  if (pod.automountServiceAccountToken !== false) fail(object, "mounts a service account token");
  for (const c of pod.containers) {
    const s = c.securityContext ?? {};
    if (s.readOnlyRootFilesystem !== true) fail(object, `${c.name}: root filesystem is writable`);
    if (s.allowPrivilegeEscalation !== false) fail(object, `${c.name}: allows privilege escalation`);
    if (JSON.stringify(s.capabilities?.drop) !== '["ALL"]') fail(object, `${c.name}: does not drop all capabilities`);
    if (!c.resources?.requests || !c.resources?.limits?.memory) fail(object, `${c.name}: no resources`);
    if (object.kind === "Deployment") {
      for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
        if (!c[probe]?.grpc) fail(object, `${c.name}: no native gRPC ${probe}`);
      }
    }
  }
}

const text = readFileSync(file, "utf8");
const documents = parseAllDocuments(text);
let count = 0;
for (const document of documents) {
  if (document.errors.length) {
    problems.push(`YAML: ${document.errors[0].message}`);
    continue;
  }
  const object = document.toJS();
  if (object == null) continue;
  count++;
  if (!object.apiVersion || !object.kind || !object.metadata?.name) {
    fail(object, "apiVersion, kind and metadata.name are required");
    continue;
  }
  const key = `${object.apiVersion}/${object.kind}`;
  if (custom.has(key)) {
    const validate = custom.get(key);
    if (!validate(object)) {
      for (const e of validate.errors) fail(object, `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    }
  } else if (object.apiVersion.includes(".") && !object.apiVersion.includes(".k8s.io")) {
    fail(object, `custom resource ${key} without its CRD`);
  } else {
    await validateCore(object);
  }
  checkWorkload(object);
}
// Every selector and reference points at something rendered here (a name suffix or a label
// that an old kustomize failed to carry over shows up as a dangling reference).
const objects = documents.map((d) => d.toJS()).filter((o) => o?.kind);
const podLabels = objects
  .filter((o) => ["Deployment", "Job"].includes(o.kind))
  .map((o) => o.spec.template.metadata?.labels ?? {});
const selects = (selector) =>
  podLabels.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));
for (const o of objects) {
  if (o.kind === "Service" && !selects(o.spec.selector ?? {})) fail(o, "selects no pods");
  if (o.kind === "PodDisruptionBudget" && !selects(o.spec.selector?.matchLabels ?? {})) fail(o, "selects no pods");
  if (o.kind === "Deployment" && !selects(o.spec.selector.matchLabels)) fail(o, "selector does not match its pods");
  if (o.kind === "HorizontalPodAutoscaler" &&
      !objects.some((t) => t.kind === o.spec.scaleTargetRef.kind && t.metadata.name === o.spec.scaleTargetRef.name)) {
    fail(o, `scales ${o.spec.scaleTargetRef.name}, which is not rendered`);
  }
}
if (count === 0) problems.push("no objects");
for (const p of problems) console.error(`${file}: ${p}`);
if (problems.length) process.exit(1);
console.log(`${file}: ${count} objects valid`);
