import { Module } from '@nestjs/common';
import { AttachmentPlaces } from './attachment-places';
import { AttachmentPlacesRepository } from './attachment-places.repository';

/** Attaching files to messages, proposals, action items and progress notes: what the features import. */
@Module({
  providers: [AttachmentPlaces, AttachmentPlacesRepository],
  exports: [AttachmentPlaces],
})
export class AttachmentPlacesModule {}
