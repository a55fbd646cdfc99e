// Validates Kubernetes manifests against the Kubernetes API schemas, offline:
//  1. each object against the OpenAPI schema of its apiVersion and kind, as compiled by kubernetes-models
//     (types, enums, required fields, formats such as int32 and quantities): `new Job(obj).validate()`;
//  2. strictly, as `kubectl apply --validate=strict` and kubeconform -strict do: every field must be one the
//     API defines (the OpenAPI schemas allow unknown fields, which the API server would drop or refuse).
//     The field names and types come from the type declarations kubernetes-models generates from the same
//     OpenAPI document.
//
//   node validate.mjs FILE...        validate, print one line per object, exit 1 on any error
//   node validate.mjs --self-test FILE
//                                    validate FILE, then break it in ways the schemas must catch (a number
//                                    as a string, a value outside an enum, a missing required field, a
//                                    misspelt field); exit 1 unless FILE passes and every break is caught
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const modules = join(dirname(fileURLToPath(import.meta.url)), "node_modules");
// Interface name (the generated aliases, e.g. IIoK8sApiBatchV1JobSpec) -> { field: type text }, and the
// declaration file of each model ("batch/v1/Job") -> the alias of its interface.
const declarations = new Map();
const modelTypes = new Map();
loadDeclarations(join(modules, "kubernetes-models"), "");
loadDeclarations(join(modules, "@kubernetes-models/apimachinery"), "");

function loadDeclarations(dir, prefix) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "_schemas" && entry.name !== "node_modules") {
      loadDeclarations(path, `${prefix}${entry.name}/`);
    } else if (entry.name.endsWith(".d.ts")) {
      const name = entry.name.slice(0, -".d.ts".length);
      const alias = parseDeclaration(readFileSync(path, "utf8"), declarations, `I${name}`);
      if (alias) modelTypes.set(`${prefix}${name}`, alias);
    }
  }
}

// Adds the file's interfaces to types; returns the alias of the interface named main.
function parseDeclaration(text, types, main) {
  let mainAlias;
  text = text.replace(/\/\*[\s\S]*?\*\//g, "");
  const bodies = new Map();
  for (const match of text.matchAll(/export interface (\w+)(?: extends [^{]*)? \{\n([\s\S]*?)\n\}/g)) {
    bodies.set(match[1], parseFields(match[2]));
  }
  for (const match of text.matchAll(/export type \{([^}]*)\}/g)) {
    for (const pair of match[1].split(",")) {
      const [local, alias] = pair.trim().split(/\s+as\s+/);
      if (bodies.has(local) && alias) types.set(alias, bodies.get(local));
      if (local === main && alias?.startsWith("I")) mainAlias = alias;
    }
  }
  return mainAlias;
}

// `"name"?: type;` entries of an interface body; a type may span lines ({ [key: string]: string; }).
function parseFields(body) {
  const fields = {};
  const pattern = /"([^"]+)"\??:\s*/g;
  let match;
  while ((match = pattern.exec(body)) !== null) {
    let depth = 0, end = pattern.lastIndex;
    for (; end < body.length; end++) {
      const c = body[end];
      if ("{<(".includes(c)) depth++;
      else if ("}>)".includes(c)) depth--;
      else if (c === ";" && depth === 0) break;
    }
    fields[match[1]] = body.slice(pattern.lastIndex, end).replace(/\s+/g, " ").trim();
    pattern.lastIndex = end + 1;
  }
  return fields;
}

// Every field of value must be declared by the type; recurses through objects, arrays and maps.
function unknownFields(value, type, path, errors) {
  if (value === null || typeof value !== "object") return;
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, m[1], `${path}/${i}`, errors));
  } else if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) {
    for (const [key, item] of Object.entries(value)) unknownFields(item, m[1], `${path}/${key}`, errors);
  } else if (declarations.has(type)) {
    const fields = declarations.get(type);
    for (const [key, item] of Object.entries(value)) {
      if (!(key in fields)) errors.push(`${path || "/"}: unknown field "${key}"`);
      else unknownFields(item, fields[key], `${path}/${key}`, errors);
    }
  }
}

async function validateObject(object) {
  const errors = [];
  if (!object || typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
    return ["not a Kubernetes object: apiVersion and kind are required"];
  }
  const group = object.apiVersion.includes("/") ? object.apiVersion : `v1`;
  let model;
  try {
    model = (await import(`kubernetes-models/${group}`))[object.kind];
  } catch {
    model = undefined;
  }
  if (typeof model !== "function") return [`no schema for apiVersion ${object.apiVersion}, kind ${object.kind}`];
  try {
    new model(object).validate();
  } catch (error) {
    errors.push(...String(error.message).split(/,\s*(?=data)/).map((line) => line.replace(/^data/, "")));
  }
  const alias = modelTypes.get(`${group}/${object.kind}`);
  if (alias) unknownFields(object, alias, "", errors);
  else errors.push(`no type declaration for ${object.apiVersion} ${object.kind}`);
  return errors;
}

function readObjects(file) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  const problems = documents.flatMap((d) => d.errors.map((e) => `${file}: ${e.message}`));
  if (problems.length) throw new Error(problems.join("\n"));
  return documents.map((d) => d.toJS()).filter((o) => o !== null);
}

async function validateObjects(file, objects, quiet) {
  let failed = 0;
  for (const object of objects) {
    const errors = await validateObject(object);
    const name = `${file}: ${object?.kind ?? "?"} ${object?.metadata?.name ?? "?"}`;
    if (errors.length) {
      failed++;
      if (!quiet) errors.forEach((e) => console.log(`${name}: ${e}`));
    } else if (!quiet) console.log(`${name} (${object.apiVersion}): valid`);
  }
  return failed;
}

// Breaks a copy of the objects; each break must make validation fail.
const breaks = [
  ["a count given as a string (Job.spec.completions: \"8\")", (o) => o.kind === "Job" && o.spec.completions !== undefined, (o) => { o.spec.completions = String(o.spec.completions); }],
  ["a value outside an enum (Job.spec.completionMode: Sometimes)", (o) => o.kind === "Job" && o.spec.completionMode, (o) => { o.spec.completionMode = "Sometimes"; }],
  ["a required field removed (the containers' name)", (o) => o.spec?.template?.spec?.containers, (o) => { delete o.spec.template.spec.containers[0].name; }],
  ["a misspelt field (restartPolicy as restartpolicy)", (o) => o.spec?.template?.spec?.restartPolicy, (o) => { const s = o.spec.template.spec; s.restartpolicy = s.restartPolicy; delete s.restartPolicy; }],
  ["a field in the wrong place (backoffLimit in the pod template)", (o) => o.kind === "Job", (o) => { o.spec.template.spec.backoffLimit = 2; }],
  ["a malformed quantity (memory: 4 GB)", (o) => o.spec?.template?.spec?.containers?.[0]?.resources?.requests?.memory, (o) => { o.spec.template.spec.containers[0].resources.requests.memory = "4 GB"; }],
  ["a list given as a map (PersistentVolumeClaim.spec.accessModes)", (o) => o.kind === "PersistentVolumeClaim", (o) => { o.spec.accessModes = { mode: "ReadWriteMany" }; }],
];

async function selfTest(file) {
  const objects = readObjects(file);
  if (await validateObjects(file, objects, false)) return 1;
  let missed = 0;
  for (const [what, applies, apply] of breaks) {
    const index = objects.findIndex(applies);
    if (index < 0) { console.log(`self-test: ${what}: no object to break in ${file}`); missed++; continue; }
    const broken = structuredClone(objects);
    apply(broken[index]);
    const errors = await validateObject(broken[index]);
    if (errors.length) console.log(`self-test: ${what}: caught: ${errors[0]}`);
    else { console.log(`self-test: ${what}: NOT caught`); missed++; }
  }
  console.log(`self-test: ${breaks.length - missed} of ${breaks.length} broken manifests rejected`);
  return missed ? 1 : 0;
}

const args = process.argv.slice(2);
if (args[0] === "--self-test") process.exit(await selfTest(args[1]));
let failed = 0, total = 0, unreadable = 0;
for (const file of args) {
  let objects;
  try {
    objects = readObjects(file);
  } catch (error) {
    console.log(error.message);
    unreadable++;
    continue;
  }
  total += objects.length;
  failed += await validateObjects(file, objects, false);
}
console.log(`${total - failed} of ${total} objects valid` + (unreadable ? `; ${unreadable} files not read` : ""));
process.exit(failed || unreadable || total === 0 ? 1 : 0);
