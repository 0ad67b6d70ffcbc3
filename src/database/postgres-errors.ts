import { QueryFailedError } from 'typeorm';

function sqlState(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string })?.code;
  return (error as { code?: string })?.code;
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';
export const isForeignKeyViolation = (error: unknown) => sqlState(error) === '23503';
export const isSerializationFailure = (error: unknown) => sqlState(error) === '40001' || sqlState(error) === '40P01';
