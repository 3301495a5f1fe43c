/**
 * A value made the first time it is asked for (typically a module loaded with `import()`, so that a
 * process that never needs it never holds its memory), then shared by every later caller. A failed
 * attempt is not remembered: the next caller tries again.
 */
export function onFirstUse<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    if (!made) {
      const making = make();
      made = making;
      making.catch(() => {
        if (made === making) made = undefined;
      });
    }
    return made;
  };
}
