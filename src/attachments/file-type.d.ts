/*
 * file-type ships ES-module types that this project's module resolution (node10) cannot reach through its `exports`;
 * Node loads the package itself with require(). The part of its API the attachments use, as file-type 22 declares it.
 */
declare module 'file-type' {
  export interface FileTypeResult {
    readonly ext: string;
    readonly mime: string;
  }
  export function fileTypeFromBuffer(buffer: Uint8Array | ArrayBuffer): Promise<FileTypeResult | undefined>;
}
