import { registerHooks } from 'node:module';

/**
 * The URL of every module this process resolves from the call on, to see what a piece of code loads.
 * Import what is to be watched after calling it (a dynamic import), so that its own imports are seen.
 */
export function watchResolvedModules(): { loaded: (packageName: string) => boolean } {
  const resolved: string[] = [];
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const result = nextResolve(specifier, context);
      resolved.push(result.url);
      return result;
    },
  });
  return {
    loaded: (packageName) => resolved.some((url) => url.includes(`/node_modules/${packageName}/`)),
  };
}
