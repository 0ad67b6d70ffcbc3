import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../auth/public.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { ValidationFailed } from '../common/validation.pipe';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { RenewInvitationDto } from './dto/renew-invitation.dto';
import { CreatedInvitationDto, InvitationDto, InvitationPageDto, InvitationPreviewDto } from './dto/invitation.dto';
import { MemberDto } from './dto/member.dto';
import { InvitationsService } from './invitations.service';
import { fieldError } from '../common/errors/refusal';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

/** The shape of the secret in an invitation link (base64url); an invitation's id is not accepted in its place. */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('groups/:groupId/invitations')
  @ApiBearerAuth()
  @ApiErrors(401, 403, 404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: PageQueryDto,
  ): Promise<InvitationPageDto> {
    return this.invitations.list(user, groupId, query);
  }

  @Post('groups/:groupId/invitations')
  @ApiBearerAuth()
  @ApiErrors(401, 403, 404, 409)
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: CreateInvitationDto,
  ): Promise<CreatedInvitationDto> {
    return this.invitations.create(user, groupId, dto);
  }

  @Delete('invitations/:invitationId')
  @ApiBearerAuth()
  @ApiErrors(401, 403, 404, 409)
  revoke(@CurrentUser() user: AuthUser, @Param('invitationId', UuidPipe) invitationId: string): Promise<InvitationDto> {
    return this.invitations.revoke(user, invitationId);
  }

  /** A new link for an open or expired invitation (emailed unless `sendEmail` is false); the old one stops working. */
  @HttpCode(200)
  @Post('invitations/:invitationId/renew')
  renew(
    @CurrentUser() user: AuthUser,
    @Param('invitationId', UuidPipe) invitationId: string,
    @Body() dto: RenewInvitationDto,
  ): Promise<CreatedInvitationDto> {
    return this.invitations.renew(user, invitationId, dto);
  }

  /** What the invitation link opens: group, role, who invited. The token is the credential; no sign-in. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Get('invitations/:token')
  @ApiErrors(404)
  preview(@Param('token') token: string): Promise<InvitationPreviewDto> {
    if (!TOKEN.test(token)) throw new ValidationFailed([fieldError('token', 'invitation-token-malformed')]);
    return this.invitations.preview(token);
  }

  /** The secret token from the invitation link: the only way to accept. */
  @HttpCode(200)
  @Post('invitations/:token/accept')
  @ApiBearerAuth()
  @ApiErrors(401, 403, 404, 409)
  accept(@CurrentUser() user: AuthUser, @Param('token') token: string): Promise<MemberDto> {
    if (!TOKEN.test(token)) throw new ValidationFailed([fieldError('token', 'invitation-token-malformed')]);
    return this.invitations.accept(user, token);
  }
}
