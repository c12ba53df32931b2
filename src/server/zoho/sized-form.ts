import { randomBytes } from 'node:crypto';
import { encodeFormFileName } from '../../shared/form-file-name.ts';

/** The frame of one file part: the bytes before its first byte, and after its last. */
export interface FileFrame {
  head: Buffer;
  tail: Buffer;
}

/**
 * A multipart/form-data body for Bigin whose length is known before its first byte is sent.
 * Zoho's pages and SDKs always send a sized multipart (`curl -F`); nothing says Bigin takes a
 * chunked one, so every body sent carries `Content-Length`, a streamed file's too: its frame is
 * fixed before the file arrives, and the file's size is stated by the browser beforehand.
 */
export class SizedForm {
  readonly boundary = `----BiginAttachments${randomBytes(16).toString('hex')}`;

  get contentType(): string {
    return `multipart/form-data; boundary=${this.boundary}`;
  }

  /** The headers of a body of `length` bytes in this form. */
  headers(length: number): Record<string, string> {
    return { 'Content-Type': this.contentType, 'Content-Length': String(length) };
  }

  /** Text fields alone (a link's `attachmentUrl` and `title`): small, so built whole. */
  fields(values: Record<string, string>): Uint8Array<ArrayBuffer> {
    const parts = Object.entries(values).map(
      ([name, value]) =>
        `--${this.boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    return new TextEncoder().encode(`${parts.join('')}--${this.boundary}--\r\n`);
  }

  /**
   * The frame of a lone file part named `field`: a body of `size` file bytes is
   * `head.length + size + tail.length` bytes long.
   */
  fileFrame(field: string, fileName: string, contentType: string): FileFrame {
    return {
      head: Buffer.from(
        `--${this.boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${formFileName(fileName)}"\r\n` +
          `Content-Type: ${contentType}\r\n\r\n`,
        'utf8',
      ),
      tail: Buffer.from(`\r\n--${this.boundary}--\r\n`, 'utf8'),
    };
  }
}

/** A file name for Bigin's form, as a browser writes it; other control characters as spaces. */
const formFileName = (name: string) =>
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  encodeFormFileName(name.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g, ' '));
