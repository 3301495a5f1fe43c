import type { Readable } from 'node:stream';
import type { BusboyConstructor, BusboyInstance } from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '#src/errors.ts';
import { onFirstUse } from '#src/platform/first-use.ts';

// The multipart parser (@fastify/busboy, the one @fastify/multipart is built on) is loaded with the
// first upload: a process serving readers never parses one. (@fastify/multipart itself is a plugin
// that must be registered, and so loaded, when the app starts.)
const busboy = onFirstUse(async () => (await import('@fastify/busboy')).Busboy);

/**
 * A file posted in a multipart form. Its bytes are not an enumerable property, so code that walks a
 * form body's values (the NUL guard) does not walk ten million numbers.
 */
export class UploadedFile {
  readonly filename: string;
  /** Bytes sent for the file, including those not kept when it was over the limit. */
  readonly size: number;
  readonly #bytes: Buffer;

  constructor(filename: string, size: number, bytes: Buffer) {
    this.filename = filename;
    this.size = size;
    this.#bytes = bytes;
  }

  /** The file's bytes; empty when it was larger than the limit (it is not kept, only counted). */
  get bytes(): Buffer {
    return this.#bytes;
  }
}

/** A parsed multipart form: its text fields, and the file sent as `file` (the first one; others are ignored). */
export type UploadForm = Record<string, string | UploadedFile | undefined> & { file?: UploadedFile };

interface Limits {
  /** A larger file is counted but not kept (its `bytes` are empty), so the form can say so beside the field. */
  maxFileBytes: number;
  /** A larger request is cut off (413 page): past this, it is not a form we answer. */
  maxRequestBytes: number;
}

interface UploadOptions extends Limits {
  /**
   * Whether the sender may upload at all (a signed-in session allowed to). The guard of the route
   * still decides; this only spares the memory: a file from anyone else is skipped unread, while
   * its text fields are parsed so that the guard answers as for any form (401, 403).
   */
  mayUpload: (request: FastifyRequest) => Promise<boolean>;
}

function readForm(Busboy: BusboyConstructor, headers: Record<string, string | string[] | undefined>, payload: Readable, limits: Limits): Promise<UploadForm> {
  return new Promise((resolve, reject) => {
    let parser: BusboyInstance;
    try {
      parser = Busboy({
        headers: { ...headers, 'content-type': String(headers['content-type']) },
        limits: { fileSize: limits.maxFileBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25, headerPairs: 20 },
      });
    } catch {
      reject(new errors.BadRequest());
      return;
    }
    const form: UploadForm = Object.create(null) as UploadForm;
    let fileDone: Promise<void> = Promise.resolve();
    let received = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      payload.unpipe(parser);
      reject(error);
    };
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxRequestBytes) fail(new errors.BodyTooLarge());
    });
    parser.on('field', (name, value) => {
      if (name !== 'file' && form[name] === undefined) form[name] = value;
    });
    parser.on('file', (name, stream, filename) => {
      if (name !== 'file' || form.file) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (!stream.truncated) chunks.push(chunk);
      });
      // Over the limit: what was kept is dropped, and the rest is only counted as busboy skips it.
      stream.on('limit', () => void chunks.splice(0));
      fileDone = new Promise((done) => {
        stream.on('end', () => {
          form.file = new UploadedFile(filename, stream.truncated ? Math.max(size, limits.maxFileBytes + 1) : size, stream.truncated ? Buffer.alloc(0) : Buffer.concat(chunks));
          done();
        });
      });
    });
    parser.on('error', () => fail(new errors.BadRequest()));
    parser.on('finish', () => {
      void fileDone.then(() => {
        if (settled) return;
        settled = true;
        resolve(form);
      });
    });
    payload.pipe(parser);
  });
}

/**
 * Lets the routes of `scope` (and only those) take multipart forms with one file: the body is the
 * form's fields and `file`, parsed before the route runs, so the CSRF check reads `_csrf` from it as
 * from any other form. Other dashboard routes keep refusing multipart (415).
 */
export function acceptUploads(scope: FastifyInstance, options: UploadOptions): void {
  scope.addContentTypeParser('multipart/form-data', async (request: FastifyRequest, payload: Readable) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > options.maxRequestBytes) throw new errors.BodyTooLarge();
    const maxFileBytes = (await options.mayUpload(request)) ? options.maxFileBytes : 0;
    return readForm(await busboy(), request.headers, payload, { maxFileBytes, maxRequestBytes: options.maxRequestBytes });
  });
}
