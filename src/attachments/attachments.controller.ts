import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { AttachmentsService } from './attachments.service';
import { CreateAttachmentLinksDto } from './dto/attachment-links.dto';
import { AttachmentDto, AttachmentLinksDto, AttachmentPageDto } from './dto/attachment.dto';
import { ListAttachmentsQueryDto } from './dto/list-attachments.query.dto';
import { FileLinksService } from './file-links.service';
import { drainRefusedUpload } from './upload';
import { UploadsService } from './uploads.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('attachments')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly uploads: UploadsService,
    private readonly links: FileLinksService,
  ) {}

  /**
   * One file, streamed (not buffered) into storage: `multipart/form-data` with the part `file`. It is `pending`
   * (`place: null`) until a message, proposal or action item names it in `attachmentIds`; unattached for a day, it
   * is removed. 413 past MAX_UPLOAD_MB or the group's quota, 415 for web pages, SVG and programs.
   */
  @Post('groups/:groupId/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiErrors(404, 409, 413)
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Req() req: FastifyRequest,
  ): Promise<AttachmentDto> {
    // The body was left unread (bootstrap.ts): busboy streams it from the Node request.
    try {
      return await this.uploads.upload(user, groupId, req.raw);
    } catch (error) {
      drainRefusedUpload(req.raw);
      throw error;
    }
  }

  /** Attached files of the group, newest first, with the Files view's filters. */
  @Get('groups/:groupId/attachments')
  @ApiOkResponse({ type: AttachmentPageDto })
  @ApiErrors(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: ListAttachmentsQueryDto,
  ): Promise<AttachmentPageDto> {
    return this.attachments.list(user, groupId, query);
  }

  /** A file's details (a pending one only to its uploader). */
  @Get('attachments/:attachmentId')
  @ApiOkResponse({ type: AttachmentDto })
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('attachmentId', UuidPipe) id: string): Promise<AttachmentDto> {
    return this.attachments.get(user, id);
  }

  /** Short-lived signed download links (FILE_LINK_SECONDS), by id; any id not visible to you makes the answer 404. */
  @Post('attachments/links')
  @HttpCode(200)
  @ApiOkResponse({ type: AttachmentLinksDto })
  @ApiErrors(409)
  createLinks(@CurrentUser() user: AuthUser, @Body() dto: CreateAttachmentLinksDto): Promise<AttachmentLinksDto> {
    return this.links.links(user, dto.ids, dto.variant);
  }

  /** Its uploader or a facilitator removes a file (audited; `attachment.removed` in the group's feed). */
  @Delete('attachments/:attachmentId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('attachmentId', UuidPipe) id: string): Promise<void> {
    return this.attachments.remove(user, id);
  }
}
