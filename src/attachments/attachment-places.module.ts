import { Module } from '@nestjs/common';
import { AttachmentPlaces } from './attachment-places';
import { AttachmentPlacesRepository } from './attachment-places.repository';
import { FileStoresModule } from './storage/file-stores.module';

/** Attaching files to messages, proposals, action items and progress notes: what the features import. */
@Module({
  imports: [FileStoresModule],
  providers: [AttachmentPlaces, AttachmentPlacesRepository],
  exports: [AttachmentPlaces],
})
export class AttachmentPlacesModule {}
