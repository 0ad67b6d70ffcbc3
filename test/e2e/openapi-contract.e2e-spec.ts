import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { api, setupGroup } from '../support/cluster-client';
import { ServerProcess, startServer, stopAllServers } from '../support/server-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The document partners integrate against, as the built server (`npx nest build` first: the Swagger plugin's
 * metadata is made by the build) serves it at /api/docs-json: it lints clean with Redocly's recommended rules, every
 * operation has a verb for an id, a typed answer and the one error body, and a partner script written against the
 * types openapi-typescript generates from it type-checks with nothing `any`, `unknown` or `never`.
 */
const ROOT = resolve(__dirname, '../..');
const TOOLS = join(ROOT, 'test/contract/openapi-tools.mjs');
const PARTNER_SCRIPT = join(ROOT, 'test/contract/partner-script.ts');
const ERROR_SCHEMA = '#/components/schemas/ErrorResponseDto';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Where a recommended rule is wrong for this API, by rule and place, each with its reason; nothing else is ignored.
 */
const ACCEPTED: { ruleId: string; pointer: string; why: string }[] = [
  {
    ruleId: 'no-identical-paths',
    pointer: '#/paths/~1api~1invitations~1{token}',
    why: 'DELETE takes the invitation id, GET and POST …/accept the secret token of its link; the method tells them apart, and renaming either would move a route existing clients call',
  },
  { ruleId: 'no-ambiguous-paths', pointer: '#/paths/~1api~1invitations~1{token}', why: 'the same pair, as a warning' },
  {
    ruleId: 'operation-2xx-response',
    pointer: '#/paths/~1api~1auth~1sso~1{organizationId}~1start/get/responses',
    why: 'a browser redirect to the identity provider: 302 is its only success',
  },
  {
    ruleId: 'operation-2xx-response',
    pointer: '#/paths/~1api~1auth~1sso~1callback/get/responses',
    why: 'a browser redirect back to the web client: 302 is its only success',
  },
  {
    ruleId: 'info-license-strict',
    pointer: '#/info/license/url',
    why: 'the project is UNLICENSED (proprietary): there is no license text at a URL to point to',
  },
];
/** The operations whose success is a redirect (see ACCEPTED). */
const REDIRECTS = new Set(['startSsoLogin', 'completeSsoLogin']);

/** operationIds read as a verb, then what it acts on: listGroups, catchUpEvents, logIn. */
const VERB_ID =
  /^(list|get|create|update|delete|add|remove|set|put|post|edit|archive|unarchive|leave|revoke|preview|accept|approve|decline|appoint|dismiss|register|log|refresh|request|confirm|resend|renew|end|deactivate|reactivate|enable|disable|regenerate|setUp|start|complete|mark|count|toggle|close|search|export|upload|download|show|unsubscribe|run|check|catchUp|change|verify|return)([A-Z][A-Za-z]*)?$/;

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  items?: Schema;
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}
interface Response {
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  operationId?: string;
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, Schema> };
}
interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  pointer?: string;
  message: string;
}

const run = promisify(execFile);

/** Lints `source` and writes the types openapi-typescript generates from it to `typesPath`. */
async function lintAndGenerate(source: string, dir: string): Promise<Problem[]> {
  const documentPath = join(dir, 'openapi.json');
  writeFileSync(documentPath, source);
  const { stdout } = await run(process.execPath, [TOOLS, documentPath, join(dir, 'tansiq-api.ts')], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Problem[];
}

/** The partner script type-checked beside the generated types, as a partner's own strict project would. */
function typeCheckPartnerScript(dir: string): string[] {
  copyFileSync(PARTNER_SCRIPT, join(dir, 'partner-script.ts'));
  const program = ts.createProgram([join(dir, 'partner-script.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    return `${diagnostic.file?.fileName ?? ''}:${(where?.line ?? 0) + 1}: ${text}`;
  });
}

function operations(document: Document): { path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ path, method, operation: item[method] }] : [])),
  );
}

/** A schema a generated client can type: a named model, a union of them, an array of one, or a scalar. */
function typedSchema(schema: Schema | undefined): boolean {
  if (!schema) return false;
  if (schema.$ref) return true;
  if (schema.oneOf) return schema.oneOf.every(typedSchema);
  if (schema.type === 'array') return typedSchema(schema.items);
  return schema.type !== undefined && schema.type !== 'object';
}

describe('the OpenAPI contract', () => {
  let database: TestDatabase;
  let dir: string;
  let source: string;
  let document: Document;
  let problems: Problem[];
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'tansiq-contract-'));
    server = await startServer({
      ...database.env,
      DATA_DIR: join(dir, 'data'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      // On its own: rate limits counted in the process, not shared through Redis with other runs.
      REDIS_URL: '',
      AUTH_RATE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    });
    const response = await fetch(`${server.url}/api/docs-json`);
    expect(response.status).toBe(200);
    source = await response.text();
    document = JSON.parse(source) as Document;
    problems = await lintAndGenerate(source, dir);
  }, 120_000);

  afterAll(async () => {
    await stopAllServers();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("lints clean with Redocly's recommended rules: no error, no warning", () => {
    const unexpected = problems.filter(
      (problem) =>
        !ACCEPTED.some((accepted) => accepted.ruleId === problem.ruleId && accepted.pointer === problem.pointer),
    );
    expect(unexpected).toEqual([]);
  });

  it('names every operation with a unique verb-first camelCase operationId', () => {
    const ids = operations(document).map(({ operation, method, path }) => operation.operationId ?? `${method} ${path}`);
    expect(ids.filter((id) => !VERB_ID.test(id))).toEqual([]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['listGroups', 'getThread', 'catchUpEvents', 'updateActionItem']));
  });

  it('gives every operation a typed success answer (or a 204) and at least one 4xx with the one error body', () => {
    const untyped: string[] = [];
    const undocumentedErrors: string[] = [];
    for (const { path, method, operation } of operations(document)) {
      const name = `${operation.operationId} (${method.toUpperCase()} ${path})`;
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      const typed =
        successes.length > 0 &&
        successes.every(
          ([status, response]) =>
            status === '204' ||
            (response.content !== undefined &&
              Object.values(response.content).every((media) => typedSchema(media.schema))),
        );
      if (!typed && !(REDIRECTS.has(operation.operationId ?? '') && operation.responses['302'])) untyped.push(name);
      const errors = Object.entries(operation.responses).filter(([status]) => /^4\d\d$/.test(status));
      const coded = errors.filter(
        ([, response]) => response.content?.['application/json']?.schema?.$ref === ERROR_SCHEMA,
      );
      if (coded.length === 0 || coded.length !== errors.length) undocumentedErrors.push(name);
    }
    expect(untyped).toEqual([]);
    expect(undocumentedErrors).toEqual([]);
  });

  it('documents the error body the exception filter answers', () => {
    const error = document.components.schemas.ErrorResponseDto;
    expect(error.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'message', 'code']));
    expect(Object.keys(error.properties ?? {})).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'message', 'code', 'params', 'details', 'current']),
    );
    expect(error.properties?.details?.items?.$ref).toBe('#/components/schemas/FieldErrorDto');
  });

  it('gives ids the uuid format and timestamps date-time (due and review dates: date)', () => {
    const missing: string[] = [];
    const check = (where: string, name: string, schema: Schema) => {
      if (schema.$ref || schema.allOf || schema.oneOf) return;
      if (schema.type === 'array' && schema.items) {
        if (/[a-z]Ids$/.test(name) && schema.items.format !== 'uuid') missing.push(`${where} (items: uuid)`);
        return;
      }
      if (schema.type !== 'string' || name === 'clientId') return;
      const expected = /^(id|\w+Id)$/.test(name)
        ? 'uuid'
        : /[a-z]At$/.test(name)
          ? 'date-time'
          : /^(dueDate|reviewDate)$/.test(name)
            ? 'date'
            : null;
      if (expected && schema.format !== expected) missing.push(`${where} (${expected})`);
    };
    for (const [model, schema] of Object.entries(document.components.schemas)) {
      for (const [name, property] of Object.entries(schema.properties ?? {})) check(`${model}.${name}`, name, property);
    }
    for (const { path, method, operation } of operations(document)) {
      const parameters = (operation as { parameters?: { name: string; in: string; schema: Schema }[] }).parameters;
      for (const parameter of parameters ?? []) {
        if (parameter.in === 'path') check(`${method} ${path} {${parameter.name}}`, parameter.name, parameter.schema);
      }
    }
    expect(missing).toEqual([]);
  });

  it('type-checks a partner script against the generated client: nothing it uses is any, unknown or never', () => {
    expect(typeCheckPartnerScript(dir)).toEqual([]);
  });

  it('runs that script against the server: groups, a thread, catch-up by seq, an update with If-Match', async () => {
    const { group, facilitator } = await setupGroup(server);
    await api(server, 'POST', `/api/groups/${group.id}/threads`, facilitator, {
      kind: 'discussion',
      title: 'Follow-up plan',
      body: 'Where do we start?',
    });
    const item = await api<{ version: number }>(server, 'POST', `/api/groups/${group.id}/actions`, facilitator, {
      title: 'Draft the regional review',
      priority: 'medium',
    });

    // Loaded by path, not imported: its types come from the generated client, which only this test makes.
    const script = (await import(PARTNER_SCRIPT)) as {
      partnerSync(baseUrl: string, token: string): Promise<Record<string, unknown>>;
    };
    expect(await script.partnerSync(server.url, facilitator.accessToken)).toEqual({
      groups: 1,
      thread: 'Follow-up plan (1 messages)',
      events: expect.any(Number),
      update: `high at version ${item.version + 1}`,
    });
  });

  it('would fail that check if the group list went untyped (the check can fail)', async () => {
    const untyped = JSON.parse(source) as Document;
    untyped.paths['/api/groups'].get!.responses['200'] = { description: 'untyped' } as Response;
    const other = mkdtempSync(join(tmpdir(), 'tansiq-contract-untyped-'));
    try {
      await lintAndGenerate(JSON.stringify(untyped), other);
      expect(typeCheckPartnerScript(other).join('\n')).toMatch(/does not satisfy the constraint 'true'/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);
});
