// Runs the Khronos glTF-Validator over one .gltf (with its .bin and images)
// and prints a one-line JSON summary on stdout:
//   {"file": "...", "errors": 0, "warnings": 0, "infos": 3, "hints": 0}
// with each error and warning (code, JSON pointer, message) on stderr.
// Exit status: 0 valid, 1 errors found, 2 could not run (no validator, no file).
//
// Used on `openhouse-pack export --gltf` output (bench/run.sh, by hand). Not a
// test of the importer: our own importer has its own tests.
//
// The validator is the npm package `gltf-validator`, not vendored here:
//   npm install --prefix /tmp/gv gltf-validator
//   OH_GLTF_VALIDATOR=/tmp/gv/node_modules/gltf-validator node bench/validate_gltf.mjs DIR/scene.gltf
// Without OH_GLTF_VALIDATOR, node's usual module lookup is tried.
import fs from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";

function fail(message) {
    console.error(`validate_gltf: ${message}`);
    process.exit(2);
}

function loadValidator() {
    const where = process.env.OH_GLTF_VALIDATOR;
    const require = createRequire(where ? path.resolve(where, "package.json") : import.meta.url);
    try {
        return require(where ? path.resolve(where) : "gltf-validator");
    } catch (error) {
        fail("the gltf-validator package is not installed; run `npm install --prefix /tmp/gv gltf-validator` " +
             "and set OH_GLTF_VALIDATOR=/tmp/gv/node_modules/gltf-validator");
    }
}

const file = process.argv[2];
if (!file || process.argv.length !== 3) fail("usage: node bench/validate_gltf.mjs PATH.gltf");
const validator = loadValidator();
const bytes = await fs.readFile(file).catch((error) => fail(`${file}: ${error.message}`));

// External buffers and images resolve beside the .gltf, as a viewer would;
// a missing one is reported by the validator as an issue, not a crash.
const report = await validator.validateBytes(new Uint8Array(bytes), {
    uri: path.basename(file),
    maxIssues: 0,  // count everything
    externalResourceFunction: (uri) =>
        fs.readFile(path.resolve(path.dirname(file), decodeURIComponent(uri))).then((data) => new Uint8Array(data)),
});

const issues = report.issues;
for (const message of issues.messages) {
    if (message.severity > 1) continue;  // 0 error, 1 warning; infos and hints only counted
    const kind = message.severity === 0 ? "error" : "warning";
    console.error(`${kind} ${message.code} at ${message.pointer ?? "(file)"}: ${message.message}`);
}
console.log(JSON.stringify({
    file,
    errors: issues.numErrors,
    warnings: issues.numWarnings,
    infos: issues.numInfos,
    hints: issues.numHints,
}));
process.exit(issues.numErrors > 0 ? 1 : 0);
