// Run Python in real Pyodide under Node, offline: the test's job for the xlwings Lite bundle (pyodide_lite.py).
// Usage: node pyodide_runner.mjs JOB.json. JOB: {dist, mounts: {path: host folder}, main: Python file, result}.
// Every network request is refused and recorded: Pyodide loads its packages from `dist`, micropip installs from
// local files, and anything that still reaches for the network fails the run.
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const refused = [];
function refuse(what) {
  refused.push(String(what));
  throw new Error(`network refused (offline test): ${what}`);
}
const localFetch = globalThis.fetch;
globalThis.fetch = async (resource, options) => {
  const url = String(resource?.url ?? resource);
  if (!url.startsWith("file:")) refuse(url);
  return localFetch(resource, options);
};
for (const module of [http, https]) {
  module.request = (target) => refuse(target?.href ?? target?.host ?? target);
  module.get = module.request;
}
net.connect = net.createConnection = (target) => refuse(target?.host ?? target);

const timings = {};
let started = performance.now();
const { loadPyodide } = await import(`${job.dist}/pyodide.mjs`);
const pyodide = await loadPyodide({
  indexURL: `${job.dist}/`,
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
});
timings.start = (performance.now() - started) / 1000;
for (const [inside, host] of Object.entries(job.mounts)) {
  pyodide.FS.mkdirTree(inside);
  pyodide.mountNodeFS(inside, host);
}
started = performance.now();
await pyodide.loadPackage("micropip", { messageCallback: () => {} });
timings.micropip = (performance.now() - started) / 1000;
let failure = null;
try {
  await pyodide.runPythonAsync(readFileSync(job.main, "utf8"));
} catch (error) {
  failure = String(error?.message ?? error);
}
writeFileSync(job.result, JSON.stringify({ refused, timings, failure }));
