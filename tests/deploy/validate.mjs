// Validates the deployment files the way the platforms will read them:
// - every Kubernetes document in deploy/*.yaml against the Kubernetes API's OpenAPI schemas (kubernetes-models);
// - every GitHub Actions workflow (deploy/github-actions.yaml, .github/workflows/*.yaml) with GitHub's own workflow
//   parser and schema (@actions/workflow-parser).
// Each file is one check; known-bad variants of the real files must be rejected, so the validators can fail.
// Prints "deploy files: N passed, N failed" and exits non-zero on a failure.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { parseWorkflow, NoOperationTraceWriter } from "@actions/workflow-parser";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { Secret } from "kubernetes-models/v1/Secret";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const models = { "v1/Namespace": Namespace, "v1/ConfigMap": ConfigMap, "v1/ServiceAccount": ServiceAccount, "v1/Secret": Secret, "batch/v1/CronJob": CronJob, "batch/v1/Job": Job };

function kubernetesProblems(text) {
  const problems = [];
  const docs = parseAllDocuments(text);
  for (const doc of docs) {
    if (doc.errors.length > 0) { problems.push(...doc.errors.map(e => e.message)); continue; }
    const value = doc.toJS();
    if (value === null) continue;
    const model = models[`${value.apiVersion}/${value.kind}`];
    if (!model) { problems.push(`no schema here for ${value.apiVersion} ${value.kind}: add it to validate.mjs`); continue; }
    try { new model(value).validate(); } catch (e) { problems.push(`${value.kind} ${value.metadata?.name}: ${e.message}`); }
  }
  return problems;
}

function workflowProblems(name, text) {
  const result = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map(e => e.message);
}

const isWorkflow = (file, text) => /^\s*jobs\s*:/m.test(text) && /^\s*on\s*:/m.test(text);
const files = [];
for (const folder of ["deploy", join(".github", "workflows")]) {
  const dir = join(root, folder);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort()) files.push(join(folder, f));
}

let passed = 0, failed = 0;
if (files.length === 0) { console.log(`FAIL  no deployment files under ${root}`); failed++; }
const report = (ok, what, problems) => {
  if (ok) { passed++; console.log(`ok    ${what}`); }
  else { failed++; console.log(`FAIL  ${what}`); for (const p of problems) console.log(`      ${p}`); }
};

for (const file of files) {
  const text = readFileSync(join(root, file), "utf8");
  const workflow = isWorkflow(file, text);
  const problems = workflow ? workflowProblems(file, text) : kubernetesProblems(text);
  report(problems.length === 0, `${file} (${workflow ? "GitHub Actions workflow" : "Kubernetes manifests"})`, problems);
}

// The validators must be able to fail: each broken copy of a real file has to be rejected.
const broken = [
  ["deploy/k8s-cronjob.yaml", "restartPolicy: Never", "restartPolicy: Sometimes"],
  ["deploy/k8s-cronjob.yaml", "action: FailJob", "action: FailTheJob"],
  ["deploy/k8s-cronjob.yaml", "concurrencyPolicy: Forbid", "concurrencyPolicy: 3"],
  ["deploy/github-actions.yaml", "runs-on: ubuntu-latest", "runs-onn: ubuntu-latest"],
  ["deploy/github-actions.yaml", "timeout-minutes: 120", "timeout-minutes: [120]"],
];
for (const [file, from, to] of broken) {
  const path = join(root, file);
  if (!existsSync(path)) continue;
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) { report(false, `${file} broken by '${to}'`, [`the file no longer contains '${from}': update validate.mjs`]); continue; }
  const bad = text.replace(from, to);
  const problems = isWorkflow(file, bad) ? workflowProblems(file, bad) : kubernetesProblems(bad);
  report(problems.length > 0, `${file} broken by '${to}' is rejected`, ["the validator accepted it"]);
}

console.log(`deploy files: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
