import { IsBoolean } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';

export class RenewInvitationDto {
  /** Email the new link to the invited address (the default); false only answers it, for the facilitator to pass on. */
  @Omittable()
  @IsBoolean()
  sendEmail?: boolean;
}
