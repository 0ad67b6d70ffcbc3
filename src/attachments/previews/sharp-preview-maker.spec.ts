import { Logger } from '@nestjs/common';
import { PDFDocument } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';
import { SharpPreviewMaker } from './sharp-preview-maker';

const NONE = { width: null, height: null, pageCount: null, thumbnail: null };

/** `open` as the upload gives it: a fresh stream of the stored bytes, in small chunks like the stores send them. */
const opener = (bytes: Buffer) => async () =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536)),
  );

async function describe_(contentType: string, bytes: Buffer) {
  return new SharpPreviewMaker().describe(contentType, opener(bytes), bytes.length);
}

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } });

/** One PNG chunk: length, type, data, CRC-32 over type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid-looking PNG whose header declares width × height RGB pixels, with a few hundred bytes of pixel data. */
function declaredPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, adaptive filtering, no interlace
  const rows = Buffer.alloc(4 * (1 + width * 3)); // the first rows of zeros; the rest never arrives
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('SharpPreviewMaker', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('makes a WebP thumbnail within 320 × 320 of a PNG and reads its size', async () => {
    const png = await picture(1000, 600).png().toBuffer();
    const preview = await describe_('image/png', png);
    expect(preview).toMatchObject({ width: 1000, height: 600, pageCount: null });
    const thumbnail = await sharp(preview.thumbnail as Buffer).metadata();
    expect(thumbnail).toMatchObject({ format: 'webp', width: 320, height: 192 });
  });

  it.each([
    ['image/jpeg', (image: Sharp) => image.jpeg()],
    ['image/webp', (image: Sharp) => image.webp()],
    ['image/avif', (image: Sharp) => image.avif()],
    ['image/tiff', (image: Sharp) => image.tiff()],
  ])('makes a thumbnail of a %s', async (type, encode) => {
    const preview = await describe_(type, await encode(picture(640, 480)).toBuffer());
    expect(preview).toMatchObject({ width: 640, height: 480 });
    expect(await sharp(preview.thumbnail as Buffer).metadata()).toMatchObject({
      format: 'webp',
      width: 320,
      height: 240,
    });
  });

  it("shows an animated GIF's first frame", async () => {
    const frames = await Promise.all(
      ['#ff0000', '#0000ff'].map((background) =>
        sharp({ create: { width: 60, height: 40, channels: 3, background } })
          .png()
          .toBuffer(),
      ),
    );
    const gif = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    const preview = await describe_('image/gif', gif);
    expect(preview).toMatchObject({ width: 60, height: 40 });
    const { data } = await sharp(preview.thumbnail as Buffer)
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200); // red
    expect(data[2]).toBeLessThan(50);
  });

  it('does not enlarge a small image', async () => {
    const preview = await describe_('image/gif', await picture(100, 50).gif().toBuffer());
    expect(preview).toMatchObject({ width: 100, height: 50 });
    expect(await sharp(preview.thumbnail as Buffer).metadata()).toMatchObject({ width: 100, height: 50 });
  });

  it('turns a JPEG as its EXIF says and keeps none of its metadata in the thumbnail', async () => {
    const jpeg = await picture(400, 200)
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret place' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);
    const preview = await describe_('image/jpeg', jpeg);
    expect(preview).toMatchObject({ width: 200, height: 400 });
    const thumbnail = await sharp(preview.thumbnail as Buffer).metadata();
    expect(thumbnail).toMatchObject({ width: 160, height: 320 });
    expect(thumbnail.exif).toBeUndefined();
    expect(thumbnail.orientation).toBeUndefined();
  });

  it('counts the pages of a PDF', async () => {
    const document = await PDFDocument.create();
    for (let i = 0; i < 3; i += 1) document.addPage([595, 842]).drawText(`page ${i + 1}`);
    const pdf = Buffer.from(await document.save());
    expect(await describe_('application/pdf', pdf)).toEqual({ ...NONE, pageCount: 3 });
  });

  it('refuses a PNG whose header declares 50000 × 50000 pixels, without trying to decode it', async () => {
    const bomb = declaredPng(50_000, 50_000);
    expect(bomb.length).toBeLessThan(2000);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(50_000); // a well-formed header
    const started = Date.now();
    expect(await describe_('image/png', bomb)).toEqual(NONE);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each(['image/png', 'image/jpeg', 'image/webp', 'application/pdf'])(
    'answers nulls for garbage sent as %s',
    async (type) => {
      expect(await describe_(type, Buffer.from('this is not what it claims to be, at all'.repeat(50)))).toEqual(NONE);
    },
  );

  it('answers nulls when the bytes are another format than the sniffed type', async () => {
    expect(await describe_('image/jpeg', await picture(50, 50).png().toBuffer())).toEqual(NONE);
  });

  it('gives the size but no thumbnail for an image cut short', async () => {
    const png = await picture(600, 400).png({ compressionLevel: 0 }).toBuffer();
    const preview = await describe_('image/png', png.subarray(0, png.length / 2));
    expect(preview).toEqual({ ...NONE, width: 600, height: 400 });
  });

  it('does not open a file larger than 25 MB, nor a type it cannot read', async () => {
    const open = jest.fn(async () => Readable.from([Buffer.alloc(1)]));
    const maker = new SharpPreviewMaker();
    expect(await maker.describe('image/png', open, 26 * 1024 * 1024)).toEqual(NONE);
    expect(await maker.describe('application/zip', open, 100)).toEqual(NONE);
    expect(open).not.toHaveBeenCalled();
  });

  it('gives up on a stream longer than its declared size past 25 MB', async () => {
    const endless = new Readable({ read: () => void endless.push(Buffer.alloc(1024 * 1024)) });
    expect(await new SharpPreviewMaker().describe('application/pdf', async () => endless, 1000)).toEqual(NONE);
    expect(endless.destroyed).toBe(true);
  });

  it('answers nulls after 10 s when the bytes never come', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    try {
      const pending = new SharpPreviewMaker().describe('image/png', () => new Promise<Readable>(() => {}), 100);
      await jest.advanceTimersByTimeAsync(10_000);
      expect(await pending).toEqual(NONE);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('took more than 10000 ms'));
    } finally {
      jest.useRealTimers();
    }
  });

  it('answers nulls when the store fails to open the file', async () => {
    const open = async (): Promise<Readable> => {
      throw new Error('gone');
    };
    expect(await new SharpPreviewMaker().describe('image/png', open, 100)).toEqual(NONE);
  });
});
