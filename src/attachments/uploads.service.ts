import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobQueue } from '../jobs/job-queue.service';
import { AttachmentRepository } from './attachment.repository';
import { AttachmentPlaces } from './attachment-places';
import { keysOf } from './storage/file-store';
import { AttachmentDto, toAttachmentDto } from './dto/attachment.dto';
import { cleanFileName } from './file-names';
import { PREVIEW_MAKER, type PreviewMaker } from './previews/preview';
import { judgeFile } from './sniff';
import { attachmentKey, FILE_STORE, type FileStore, thumbnailKey } from './storage/file-store';
import { checkDeclaredLength, FileMeter, MIB, quotaExceeded, receiveFile } from './upload';

/**
 * Uploads: the bytes stream from the request through the meter (size, quota, SHA-256, sniffing) into the file
 * store, under a row that is `uploading` until they are all stored and `pending` after, until a message or action
 * claims it. A failed upload leaves nothing; an abandoned one is removed by the cleanup schedule.
 */
@Injectable()
export class UploadsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UploadsService.name);

  constructor(
    private readonly access: AccessService,
    private readonly attachments: AttachmentRepository,
    private readonly places: AttachmentPlaces,
    private readonly jobs: JobQueue,
    @Inject(FILE_STORE) private readonly fileStore: FileStore,
    @Inject(PREVIEW_MAKER) private readonly previews: PreviewMaker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(user: AuthUser, groupId: string, req: IncomingMessage): Promise<AttachmentDto> {
    await this.access.require(user, Permission.MessagePost, [groupId]);
    const { maxUploadMb, groupQuotaMb } = this.config.attachments;
    const declared = checkDeclaredLength(req, maxUploadMb);
    const quotaLeft = groupQuotaMb * MIB - (await this.attachments.groupUsage(groupId));
    // The body includes multipart framing: only a declared length well past what is left is refused up front.
    if (quotaLeft <= 0 || (declared !== null && declared > quotaLeft + 64 * 1024)) throw quotaExceeded(groupQuotaMb);
    return receiveFile(req, maxUploadMb, async (rawName, bytes) =>
      this.receive(user, groupId, cleanFileName(rawName), bytes, quotaLeft),
    );
  }

  /**
   * A file the server itself has in hand (the demo's evidence): the same access check, quota, meter, sniffing and
   * previews as an upload, from bytes instead of a request.
   */
  async store(user: AuthUser, groupId: string, name: string, bytes: Buffer): Promise<AttachmentDto> {
    await this.access.require(user, Permission.MessagePost, [groupId]);
    const quotaLeft = this.config.attachments.groupQuotaMb * MIB - (await this.attachments.groupUsage(groupId));
    if (quotaLeft < bytes.length) throw quotaExceeded(this.config.attachments.groupQuotaMb);
    return this.receive(user, groupId, cleanFileName(name), Readable.from([bytes]), quotaLeft);
  }

  private async receive(
    user: AuthUser,
    groupId: string,
    name: string,
    bytes: Readable,
    quotaLeft: number,
  ): Promise<AttachmentDto> {
    const { maxUploadMb, groupQuotaMb } = this.config.attachments;
    const id = randomUUID();
    const meter = new FileMeter({
      maxMb: maxUploadMb,
      quotaLeft,
      quotaMb: groupQuotaMb,
      judge: async (head) => (await judgeFile(head, name)).contentType,
    });
    await this.attachments.insertUploading({
      id,
      groupId,
      uploaderId: user.id,
      name,
      storage: this.fileStore.kind,
      contentType: 'application/octet-stream',
    });
    // Busboy's part into the meter, with backpressure; an error on either side fails the store's read of the meter
    // (which reports it: the listener here only keeps an error before the store reads from being unhandled).
    meter.on('error', () => undefined);
    bytes.on('error', (error) => meter.destroy(error));
    bytes.pipe(meter);
    let thumbnail = false;
    try {
      await this.fileStore.put(attachmentKey(id), meter, 'application/octet-stream');
      const contentType = meter.contentType ?? 'application/octet-stream';
      const preview = await this.previews.describe(
        contentType,
        async () => (await this.fileStore.get(attachmentKey(id))) ?? Readable.from([]),
        meter.size,
      );
      if (preview.thumbnail) {
        await this.fileStore.put(thumbnailKey(id), Readable.from([preview.thumbnail]), 'image/webp');
        thumbnail = true;
      }
      const row = await this.attachments.markPending(id, {
        contentType,
        size: meter.size,
        sha256: meter.sha256,
        width: preview.width,
        height: preview.height,
        pageCount: preview.pageCount,
        hasThumbnail: thumbnail,
      });
      if (!row) throw new Error(`upload ${id} was removed while it was stored`);
      return toAttachmentDto(row);
    } catch (error) {
      meter.destroy();
      await this.attachments.deleteUnfinished(id).catch(() => undefined);
      await this.places.afterRemoval(keysOf({ id, hasThumbnail: true }));
      throw error;
    }
  }

  /** Every ten minutes, on one node (the job queue's schedule). */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work('attachments.cleanup', 1, async () => void (await this.cleanup()));
  }

  /** Removes abandoned uploads and their bytes: `uploading` for over an hour, `pending` for over a day. */
  async cleanup(now = new Date()): Promise<number> {
    const rows = await this.attachments.deleteAbandoned(now);
    await this.places.afterRemoval(rows.flatMap(keysOf));
    if (rows.length > 0) this.logger.log(`Removed ${rows.length} abandoned uploads`);
    return rows.length;
  }
}
