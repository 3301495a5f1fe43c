/** The part of the widget's global registry (`globalThis.$altcha`, altcha's types/index.d.ts) used here. */
interface AltchaRegistry {
  algorithms: Map<string, () => Worker>;
  i18n: { get(language: string): Record<string, string> | undefined; set(language: string, texts: Record<string, string>): void };
}

/**
 * Browser code: the start-up code around the ALTCHA widget in the served script. widget-asset.ts
 * sends this function's source text as it is (as Playwright's `evaluate` does), so it is type-checked
 * and linted with the rest, but it may use only its parameters and the browser's globals.
 *
 * 1. Links the widget's stylesheet and waits for it, or the widget would show unstyled for a moment.
 * 2. Runs the widget's own code (`defineWidget`), which defines <altcha-widget>.
 * 3. Registers the worker for the one algorithm the server issues.
 * 4. Gives each widget the texts in its `data-strings` attribute (web/proof-of-work-field.ts).
 * 5. Gets a failed widget out of the way. After an error (no Web Crypto, a worker that cannot start,
 *    the challenge request failing) the widget shows its message over the form; dismissing it puts
 *    the widget back to "unverified", and with `auto="onsubmit"` it then holds back the next press of
 *    Send to try again, and fails again: a patient could never send the form. So a widget that fails
 *    is removed, and a submission it was holding back goes on without it (the server counts a
 *    missing proof of work as a signal, never as a reason to drop a request).
 */
export function startWidget(styleUrl: string, workerUrl: string, algorithm: string, defineWidget: () => void): void {
  if (!window.customElements || window.customElements.get('altcha-widget')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = styleUrl;
  const styled = new Promise((done) => {
    link.onload = link.onerror = done;
  });
  document.head.append(link);

  const setTexts = (altcha: AltchaRegistry, widget: Element) => {
    try {
      const texts = JSON.parse(widget.getAttribute('data-strings') ?? '{}') as Record<string, string>;
      const language = widget.getAttribute('language') ?? 'en';
      altcha.i18n.set(language, { ...altcha.i18n.get('en'), ...texts });
    } catch (err) {
      console.error('altcha-widget: data-strings not set', err);
    }
  };

  const failOpen = (widget: Element & { getState?: () => string }) => {
    const form = widget.closest('form');
    if (!form) return;
    let heldBack: HTMLElement | null | undefined;
    // A submission made while the widget is unverified is one it holds back (cancels) to solve
    // first. (Its listener captures on the form, and stops the event there, so this one captures too.)
    form.addEventListener(
      'submit',
      (event) => {
        if (widget.getState?.() === 'unverified') heldBack = event.submitter;
      },
      { capture: true },
    );
    widget.addEventListener('statechange', (event) => {
      const state = (event as CustomEvent<{ state?: string }>).detail.state;
      // Solved: the widget sends the held-back submission itself.
      if (state === 'verified') heldBack = undefined;
      if (state !== 'error') return;
      widget.remove();
      if (heldBack === undefined) return;
      const submitter = heldBack;
      heldBack = undefined;
      // Next turn: the widget finishes its own handling of the error first.
      setTimeout(() => form.requestSubmit(submitter), 0);
    });
  };

  void styled.then(() => {
    defineWidget();
    const altcha = (globalThis as unknown as { $altcha: AltchaRegistry }).$altcha;
    altcha.algorithms.set(algorithm, () => new Worker(workerUrl));
    for (const widget of document.querySelectorAll('altcha-widget')) {
      setTexts(altcha, widget);
      failOpen(widget);
    }
  });
}
