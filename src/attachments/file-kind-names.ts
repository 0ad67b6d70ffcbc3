/**
 * How a file is shown and filtered (the Files view's type filter), decided from its sniffed content type. Plain
 * values, no framework imports: the web client bundles this file too.
 */
export const FILE_KINDS = [
  'image',
  'pdf',
  'document',
  'spreadsheet',
  'presentation',
  'text',
  'archive',
  'audio',
  'video',
  'other',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];
