import type { OpenAPIObject } from '@nestjs/swagger';
import type { ParameterObject, ReferenceObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const UUID = { type: 'string', format: 'uuid' } as const;

function isPathId(parameter: ParameterObject | ReferenceObject): parameter is ParameterObject {
  return 'in' in parameter && parameter.in === 'path' && /^(id|\w+Id)$/.test(parameter.name);
}

/** `listGroups` → "List groups": a summary that says the operation's verb and object, where no comment gave one. */
export function summaryOf(operationId: string): string {
  const words = operationId.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The last touches SwaggerModule cannot make per route: every operation gets a summary (its doc comment's, else one
 * made from its operationId), and an operation without a security requirement says so explicitly (`security: []`:
 * public, no bearer token), so a reader never has to guess. Path ids are uuids (UuidPipe checks every one): their
 * parameters say so.
 */
export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation) continue;
      if (!operation.summary && operation.operationId) operation.summary = summaryOf(operation.operationId);
      operation.security ??= [];
      for (const parameter of operation.parameters ?? []) if (isPathId(parameter)) parameter.schema = UUID;
    }
  }
  return document;
}
