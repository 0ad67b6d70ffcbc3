import type { OpenAPIObject } from '@nestjs/swagger';
import { finishDocument, summaryOf } from './finish-document';
import { OPERATION_IDS, operationIdOf } from './operation-ids';

const document = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/groups/{groupId}': {
      get: {
        operationId: 'getGroup',
        parameters: [
          { name: 'groupId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'token', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'userId', in: 'query', schema: { type: 'string' } },
        ],
        security: [{ bearer: [] }],
        responses: {},
      },
      post: { operationId: 'archiveGroup', summary: 'From its doc comment', responses: {} },
    },
  },
});

describe('the OpenAPI document', () => {
  it('makes a summary from the operationId where no comment gave one, and keeps a given one', () => {
    const finished = finishDocument(document()).paths['/api/groups/{groupId}'];
    expect(summaryOf('listActionItemComments')).toBe('List action item comments');
    expect(finished.get?.summary).toBe('Get group');
    expect(finished.post?.summary).toBe('From its doc comment');
  });

  it('marks an operation without a security requirement public explicitly, and keeps a given one', () => {
    const finished = finishDocument(document()).paths['/api/groups/{groupId}'];
    expect(finished.post?.security).toEqual([]);
    expect(finished.get?.security).toEqual([{ bearer: [] }]);
  });

  it('gives path ids (and only path ids) the uuid format', () => {
    const parameters = finishDocument(document()).paths['/api/groups/{groupId}'].get?.parameters ?? [];
    expect(parameters.map((parameter) => ('schema' in parameter ? parameter.schema : undefined))).toEqual([
      { type: 'string', format: 'uuid' },
      { type: 'string' },
      { type: 'string' },
    ]);
  });

  it('names every listed operation with a distinct id, and leaves an unlisted one to be caught', () => {
    const ids = Object.values(OPERATION_IDS);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operationIdOf('WorkingGroupsController', 'list')).toBe('listGroups');
    expect(operationIdOf('NewController', 'list')).toBe('NewController_list');
  });
});
