import { ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';

/** At most this many files per message, proposal change, action item write or progress note. */
export const MAX_ATTACHMENTS = 10;

/**
 * The files a write attaches: ids of the writer's own pending uploads in the group (POST /api/groups/:id/attachments
 * answered them). Pair with @Omittable(): left out, nothing is attached.
 */
export const AttachmentIds = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: MAX_ATTACHMENTS }),
    IsArray(),
    ArrayMaxSize(MAX_ATTACHMENTS),
    IsUUID('all', { each: true }),
  );
