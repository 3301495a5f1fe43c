import { errors } from '#src/errors.ts';

/**
 * Content that cannot be imported or rendered; the message names the file and field, for the command
 * line. In a module of its own so that code which only throws or catches it (the importer, front
 * matter, the command line) does not load the Markdown renderer with it.
 */
export const ContentError = errors.ContentInvalid;
