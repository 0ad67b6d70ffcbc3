import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { SearchHitDto, SearchQueryDto } from './dto/search.dto';
import { SearchService } from './search.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('search')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  search(@CurrentUser() user: AuthUser, @Query() query: SearchQueryDto): Promise<SearchHitDto[]> {
    return this.searchService.search(user, query);
  }
}
