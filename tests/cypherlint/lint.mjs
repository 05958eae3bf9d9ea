#!/usr/bin/env node
// Offline Cypher linter for the newsgraph tests.
//
// Uses Neo4j's own Cypher parser and semantic analysis, as shipped in
// @neo4j-cypher/language-support (the analysis is Neo4j's Java front end
// compiled to JavaScript), so no database is needed.
//
// stdin : JSON list of {"name": str, "query": str}
// stdout: JSON list of {"name", "errors": [...], "warnings": [...], "parameters": [...]}
//         each diagnostic is {"message", "line", "column"} (1-based, relative
//         to the start of that query string).
//
// Options:
//   --no-registry  do not load the bundled Neo4j 5 function/procedure
//                  registry (then unknown functions/procedures, wrong
//                  argument types and bad YIELD columns are NOT reported).
//
// What is checked: syntax, semantic errors (undefined variables, type
// mismatches, bad aggregation, MERGE/CREATE pattern rules, ...), deprecation
// notifications, and - with the registry - function/procedure existence and
// signatures. Every statement is analysed as Cypher 5 unless it starts with an
// explicit `CYPHER 25` prefix.
//
// What is deliberately NOT reported: "Parameter $x is not defined." (the
// language service reports every parameter as an error when it is not given
// parameter values; the parameter names are returned in "parameters" instead),
// and unknown labels / relationship types / property keys (no DB schema is
// given, so the service does not check them at all).

import {
  lintCypherQuery,
  isNotParamError,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

const CYPHER_VERSION = 'CYPHER 5';
const SEVERITY_ERROR = 1; // vscode-languageserver DiagnosticSeverity.Error

function buildSchema(useRegistry) {
  const schema = { defaultLanguage: CYPHER_VERSION };
  if (useRegistry) {
    // The package's exported test fixture is a dump of the functions and
    // procedures of a real Neo4j 5 server (with APOC and GDS installed).
    // Only the Cypher 5 part is passed: the analyser re-serialises the
    // registry of the version in use on every call, so smaller is faster.
    const mock = testData.mockSchema;
    schema.functions = { [CYPHER_VERSION]: mock.functions[CYPHER_VERSION] };
    schema.procedures = { [CYPHER_VERSION]: mock.procedures[CYPHER_VERSION] };
  }
  return schema;
}

function toDiag(d) {
  return {
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  };
}

const PARAM_RE = /^Parameter \$(.*) is not defined\.$/;

function lintOne(name, query, schema) {
  const result = { name, errors: [], warnings: [], parameters: [] };
  if (typeof query !== 'string') {
    result.errors.push({ message: 'query is not a string', line: 1, column: 1 });
    return result;
  }
  if (query.trim().length === 0) {
    result.errors.push({ message: 'empty query', line: 1, column: 1 });
    return result;
  }
  let diagnostics;
  try {
    ({ diagnostics } = lintCypherQuery(query, schema, {
      consoleCommandsEnabled: false,
    }));
  } catch (e) {
    result.errors.push({
      message: `linter crashed: ${e && e.stack ? e.stack : e}`,
      line: 1,
      column: 1,
    });
    return result;
  }
  for (const d of diagnostics) {
    if (!isNotParamError(d)) {
      const m = PARAM_RE.exec(d.message);
      const p = m ? m[1] : d.message;
      if (!result.parameters.includes(p)) result.parameters.push(p);
      continue;
    }
    (d.severity === SEVERITY_ERROR ? result.errors : result.warnings).push(
      toDiag(d),
    );
  }
  // A driver's session.run() accepts exactly one statement; the language
  // service happily lints `A; B` as a script, so flag that here.
  let statements = [];
  try {
    statements = parseStatementsStrs(query).filter(
      (s) => s.replace(/;\s*$/, '').trim().length > 0,
    );
  } catch {
    /* ignore: syntax errors are already reported above */
  }
  if (statements.length > 1) {
    result.errors.push({
      message: `query contains ${statements.length} statements; only one statement per query is allowed`,
      line: 1,
      column: 1,
    });
  }
  return result;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  const useRegistry = !process.argv.includes('--no-registry');
  let input;
  try {
    input = JSON.parse(await readStdin());
  } catch (e) {
    process.stderr.write(`lint.mjs: stdin is not valid JSON: ${e.message}\n`);
    process.exit(2);
  }
  if (!Array.isArray(input)) {
    process.stderr.write('lint.mjs: expected a JSON list of {name, query}\n');
    process.exit(2);
  }
  const schema = buildSchema(useRegistry);
  const out = input.map((item, i) =>
    lintOne(item && item.name !== undefined ? item.name : String(i), item && item.query, schema),
  );
  process.stdout.write(JSON.stringify(out));
  process.stdout.write('\n');
}

main().catch((e) => {
  process.stderr.write(`lint.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
