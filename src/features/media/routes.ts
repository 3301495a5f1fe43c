import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { imageContentTypes, imageFormats, isImageId } from '#src/content/images.ts';
import type { MediaFormat } from '#src/db/types.ts';
import { errors, messageKey, type CatalogError } from '#src/errors.ts';
import { redirect, sendHtml } from '#src/http/admin/reply.ts';
import { adminRoute, type AdminDeps, type AdminRequestContext } from '#src/http/admin/route.ts';
import { sessionCookieName } from '#src/http/admin/session-cookie.ts';
import { acceptUploads, UploadedFile } from '#src/http/admin/uploads.ts';
import type { WebDeps } from '#src/http/public-route.ts';
import { can } from '#src/permissions.ts';
import { formLine, type FieldError } from '#src/web/forms.ts';
import { MAX_IMAGE_BYTES, type UploadError } from './service.ts';
import { mediaPageView, type UploadFormState } from './views.ts';

/** An image's bytes never change at an address (its id is its content's hash): browsers and proxies keep them a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function sendImage(reply: FastifyReply, etag: string, format: MediaFormat, bytes: Uint8Array): FastifyReply {
  reply.header('cache-control', IMMUTABLE).header('etag', etag);
  return reply.code(200).header('content-type', imageContentTypes[format]).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** A client that has the bytes of this address already has the only bytes it will ever have. */
function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): FastifyReply | undefined {
  if (request.headers['if-none-match'] !== etag) return undefined;
  return reply.code(304).header('cache-control', IMMUTABLE).header('etag', etag).send();
}

/** Public: uploaded images, from the database, the same for every reader and every process. */
export function mediaRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { media } = deps.services;

  // The stable address written in Markdown; alone (a feed reader, a preview) it is the jpg or png.
  app.get('/media/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!isImageId(id)) throw new errors.NotFound();
    const etag = `"${id}"`;
    const unchanged = notModified(request, reply, etag);
    if (unchanged) return unchanged;
    const found = await media.fallback(id);
    if (!found) throw new errors.NotFound();
    return sendImage(reply, etag, found.format, found.bytes);
  });

  app.get('/media/:id/:width.:format', async (request, reply) => {
    const { id, width, format } = request.params as { id: string; width: string; format: string };
    const known = imageFormats.find((f) => f === format);
    if (!isImageId(id) || !/^[1-9]\d{0,4}$/.test(width) || !known) throw new errors.NotFound();
    const etag = `"${id}-${width}.${known}"`;
    const unchanged = notModified(request, reply, etag);
    if (unchanged) return unchanged;
    const bytes = await media.variant(id, Number(width), known);
    if (!bytes) throw new errors.NotFound();
    return sendImage(reply, etag, known, bytes);
  });
}

/** Which field of the upload form an error belongs beside. */
function fieldOf(code: UploadError): 'f-file' | 'f-alt' {
  return code === 'CS_ERR_IMAGE_ALT_MISSING' ? 'f-alt' : 'f-file';
}

/** The editor's script asks for JSON; a form posted by a browser without it gets a page. */
function wantsJson(request: FastifyRequest): boolean {
  return /\bapplication\/json\b/.test(String(request.headers.accept ?? ''));
}

function json(reply: FastifyReply, status: number, data: object): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(data));
}

/** /admin/media: upload an image (a page without JavaScript, JSON for the editor's script) and list recent ones. */
export function mediaAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { media } = deps.services;

  const page = async (reply: FastifyReply, ctx: AdminRequestContext, status: number, form: UploadFormState) => sendHtml(reply, status, mediaPageView(ctx.view, form, await media.recent()));

  adminRoute(app, deps, {
    method: 'GET', path: '/admin/media', access: 'articles.edit',
    handler: async (request, reply, ctx) => {
      const query = request.query as { uploaded?: unknown; alt?: unknown };
      const uploaded = typeof query.uploaded === 'string' && isImageId(query.uploaded) ? { markdown: media.markdown(query.uploaded, formLine(query.alt, 1000)) } : null;
      return page(reply, ctx, 200, { alt: '', errors: [], uploaded });
    },
  });

  // Multipart is taken by this route only; the rest of the dashboard keeps its small form bodies.
  app.register(async (uploads) => {
    acceptUploads(uploads, {
      maxFileBytes: MAX_IMAGE_BYTES,
      maxRequestBytes: 64 * 1024 * 1024,
      mayUpload: async (request) => {
        const signedIn = await deps.services.staff.resolveSession(request.cookies[sessionCookieName(deps.cookieSecure)]);
        return signedIn?.session.stage === 'full' && can(signedIn.roles, 'articles.edit');
      },
    });
    adminRoute(uploads, deps, {
      method: 'POST', path: '/admin/media', access: 'articles.edit',
      handler: async (request, reply, ctx) => {
        if (!ctx.staff) throw new Error('guarded');
        const body = (request.body ?? {}) as Record<string, unknown>;
        const alt = formLine(body.alt, 1000);
        const file = body.file instanceof UploadedFile ? body.file : undefined;
        const by = { id: ctx.staff.user.id, email: ctx.staff.user.email, ip: ctx.ip };
        const stored = await media.store({ bytes: file?.bytes ?? new Uint8Array(), size: file?.size ?? 0, filename: file?.filename ?? '', alt, by });
        if (!stored.ok) {
          const error: CatalogError<UploadError> = stored.error;
          const message = ctx.view.t(messageKey(error));
          if (wantsJson(request)) return json(reply, error.statusCode, { error: error.code, field: fieldOf(error.code).slice(2), message });
          const errorsShown: FieldError[] = [{ field: fieldOf(error.code), message }];
          return page(reply, ctx, error.statusCode, { alt, errors: errorsShown, uploaded: null });
        }
        const { id, markdown, width, height } = stored.value;
        if (wantsJson(request)) return json(reply, stored.value.created ? 201 : 200, { id, markdown, width, height });
        return redirect(reply, `${ctx.p('/admin/media')}?uploaded=${id}&alt=${encodeURIComponent(alt)}`);
      },
    });
  });
}
