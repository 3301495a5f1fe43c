import { inlineHashes } from '#src/web/inline-assets.ts';

/** The Content-Security-Policy of every page (helmet's form), one definition for the app and the tests that check a page under it. */
export const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    // The public pages carry their stylesheet and script inline (one request per page); the
    // policy names exactly those texts by hash, so no other inline code can run.
    scriptSrc: ["'self'", inlineHashes.script],
    styleSrc: ["'self'", inlineHashes.style],
    imgSrc: ["'self'", 'data:'],
    // Video embeds are the only third party, and only after the reader presses play.
    frameSrc: ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
};
