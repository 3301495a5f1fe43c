// Progressive enhancement only: every page works without this script.

// Share bar: the browser's share sheet where it exists, and a copy-link button.
for (const button of document.querySelectorAll('.share-native')) {
  if (!navigator.share) continue;
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.share({ title: button.dataset.title, url: button.dataset.url }).catch(() => {});
  });
}
for (const button of document.querySelectorAll('.share-copy')) {
  if (!navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.url);
      const label = button.textContent;
      button.textContent = button.dataset.done;
      button.setAttribute('aria-live', 'polite');
      setTimeout(() => { button.textContent = label; }, 2500);
    } catch {
      window.prompt('', button.dataset.url);
    }
  });
}

// Video facade: nothing is requested from the video host until the reader presses play.
for (const figure of document.querySelectorAll('.video[data-embed]')) {
  const link = figure.querySelector('.video-facade');
  link?.addEventListener('click', (event) => {
    event.preventDefault();
    const frame = document.createElement('iframe');
    frame.src = figure.dataset.embed;
    frame.title = figure.dataset.title || 'Video';
    frame.allow = 'accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture; fullscreen';
    frame.allowFullscreen = true;
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    link.replaceWith(frame);
    frame.focus();
  });
}

// A form sent back with errors: move focus to the list of problems so it is read out first.
document.querySelector('.error-summary')?.focus();

// Consultation forms: how long the patient took (a script posting at once is not a person), their
// time zone when the field still shows the clinic's, and the site that first led them here.
try {
  const ref = document.referrer && new URL(document.referrer);
  if (ref && ref.origin !== location.origin && !sessionStorage.getItem('cs-ref')) sessionStorage.setItem('cs-ref', ref.origin + ref.pathname);
  if (location.search.includes('utm_') && !sessionStorage.getItem('cs-utm')) sessionStorage.setItem('cs-utm', location.search);
} catch { /* storage refused: nothing to remember */ }
for (const form of document.querySelectorAll('form[data-consult]')) {
  let started = 0;
  const start = () => { started ||= performance.now(); };
  form.addEventListener('focusin', start);
  form.addEventListener('input', start);
  const zone = form.querySelector('[name=timeZone]');
  // A form sent back (errors, or refused) shows what the patient typed: the guess never replaces it.
  // Temporal first: a page's first Intl.DateTimeFormat loads ICU data, 30-100 ms of main thread.
  if (zone && !document.querySelector('.error-summary') && !form.querySelector('[aria-invalid]')) {
    const guess = globalThis.Temporal?.Now.timeZoneId() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (guess) zone.value = guess;
  }
  form.addEventListener('submit', () => {
    form.fill.value = String(Math.round(performance.now() - (started || performance.now())));
    try {
      if (!form.referrer.value) form.referrer.value = sessionStorage.getItem('cs-ref') || '';
      const utm = sessionStorage.getItem('cs-utm');
      const source = form.source.value || location.pathname;
      if (utm && !source.includes('utm_')) form.source.value = source + (source.includes('?') ? '&' : '?') + utm.slice(1);
    } catch { /* storage refused */ }
  });
}

// Proof-of-work widget: its script comes when the patient starts on the form or nears the widget, not
// with the page (web/proof-of-work-field.ts). Send waits for it meanwhile, 8 s at most.
for (const widget of document.querySelectorAll('altcha-widget[data-script]')) {
  const form = widget.closest('form');
  let loading, waited;
  const load = () => (loading ||= Promise.race([
    import(widget.dataset.script).then(() => customElements.whenDefined('altcha-widget')),
    new Promise((resolve) => setTimeout(resolve, 8000)),
  ]).catch(() => {}));
  for (const type of ['focusin', 'pointerdown', 'input']) form.addEventListener(type, load, { once: true });
  new IntersectionObserver((entries, seen) => {
    if (entries.some((entry) => entry.isIntersecting)) { seen.disconnect(); load(); }
  }, { rootMargin: '0px 0px 50%' }).observe(widget);
  form.addEventListener('submit', (event) => {
    if (waited || customElements.get('altcha-widget')) return;
    waited = true;
    event.preventDefault();
    // A later task: while this submit event runs, the form ignores another request to submit.
    load().then(() => setTimeout(() => form.requestSubmit(event.submitter)));
  });
}
