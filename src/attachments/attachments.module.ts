import { Module } from '@nestjs/common';
import { AttachmentRepository } from './attachment.repository';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { FileLinksService } from './file-links.service';
import { FilesController } from './files.controller';
import { PREVIEW_MAKER } from './previews/preview';
import { SharpPreviewMaker } from './previews/sharp-preview-maker';
import { AttachmentPlacesModule } from './attachment-places.module';
import { FileStoresModule } from './storage/file-stores.module';
import { UploadsService } from './uploads.service';

/** Files in groups: uploads, the Files list, signed downloads and removal (attaching them is AttachmentPlaces'). */
@Module({
  imports: [FileStoresModule, AttachmentPlacesModule],
  controllers: [AttachmentsController, FilesController],
  providers: [
    AttachmentRepository,
    AttachmentsService,
    UploadsService,
    FileLinksService,
    { provide: PREVIEW_MAKER, useClass: SharpPreviewMaker },
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
