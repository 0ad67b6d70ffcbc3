import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tansiq:isPublic';

/** Marks a route that needs no access token; everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
