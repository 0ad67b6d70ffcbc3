// The OpenAPI tools as a partner runs them, outside Jest (both are ES modules): Redocly's linter with its
// recommended rules, and openapi-typescript's generated types.
// Usage: node test/contract/openapi-tools.mjs <document.json> <types.ts>; prints the lint problems as JSON.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const [documentPath, typesPath] = process.argv.slice(2);
const source = readFileSync(documentPath, 'utf8');

const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });

writeFileSync(typesPath, astToString(await openapiTS(JSON.parse(source))));

process.stdout.write(
  JSON.stringify(
    problems.map((problem) => ({
      ruleId: problem.ruleId,
      severity: problem.severity,
      pointer: problem.location[0]?.pointer,
      message: problem.message,
    })),
  ),
);
