import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { ReviewsService } from './reviews.service';

export class ReviewsOpenedDto {
  /** Reviews this request opened (those another node opened first are not counted). */
  @ApiProperty({ type: 'integer' }) opened: number;
}

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('admin')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  /** Opens the reviews due today now, on the node that answers, instead of at the next tick. */
  @Post('reviews/run')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewsOpenedDto })
  run(@CurrentUser() user: AuthUser): Promise<ReviewsOpenedDto> {
    return this.reviews.runNow(user);
  }
}
