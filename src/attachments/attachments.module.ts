import { Module } from '@nestjs/common';
import { AttachmentRepository } from './attachment.repository';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { FileLinksService } from './file-links.service';
import { FilesController } from './files.controller';
import { PREVIEW_MAKER } from './previews/preview';
import { SharpPreviewMaker } from './previews/sharp-preview-maker';
import { fileStoreProviders } from './storage/file-stores.provider';
import { PostgresFileStore } from './storage/postgres-file-store';
import { UploadsService } from './uploads.service';

/** Files in groups: uploads, the Files list, signed downloads, and the claim API the places attach files with. */
@Module({
  controllers: [AttachmentsController, FilesController],
  providers: [
    AttachmentRepository,
    AttachmentsService,
    UploadsService,
    FileLinksService,
    ...fileStoreProviders(PostgresFileStore),
    { provide: PREVIEW_MAKER, useClass: SharpPreviewMaker },
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
