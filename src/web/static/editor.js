// The article editor's enhancements: formatting buttons, live preview and checks, autosave.
// Without this script the editor still works: Markdown typed by hand, Preview and Save buttons.
const form = document.getElementById('editor');
if (form instanceof HTMLFormElement) enhance(form);

function enhance(form) {
  const body = form.querySelector('#f-body');
  const revision = form.querySelector('input[name="revision"]');
  const status = form.querySelector('.autosave-status');
  const toolbar = form.querySelector('.md-toolbar');
  if (!(body instanceof HTMLTextAreaElement)) return;

  if (toolbar && !form.querySelector('fieldset[disabled]')) {
    toolbar.hidden = false;
    toolbar.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-mark]') : null;
      if (button) applyMark(body, button.getAttribute('data-mark') ?? '');
    });
  }

  let changedSinceSave = false;
  let timer = 0;
  form.addEventListener('input', () => {
    changedSinceSave = true;
    clearTimeout(timer);
    timer = setTimeout(refresh, 700);
  });

  async function post(url) {
    const data = new URLSearchParams(new FormData(form));
    const res = await fetch(url, { method: 'POST', body: data, credentials: 'same-origin', headers: { accept: 'application/json' } });
    return { ok: res.ok, status: res.status, json: await res.json().catch(() => ({})) };
  }

  async function refresh() {
    const url = form.getAttribute('data-preview');
    if (!url) return;
    try {
      const { ok, json } = await post(url);
      if (!ok) return;
      const preview = document.getElementById('preview-output');
      const findings = document.getElementById('findings-output');
      // Both fragments are built by the server from escaped templates and the sanitising renderer.
      if (preview && typeof json.preview === 'string') preview.innerHTML = json.preview;
      if (findings && typeof json.findings === 'string') findings.innerHTML = json.findings;
      const jump = document.getElementById('findings-jump');
      const count = findings?.querySelector('[data-jump]')?.getAttribute('data-jump');
      if (jump && count) jump.textContent = count;
    } catch {
      // Offline for a moment: the next keystroke tries again.
    }
  }

  const autosaveUrl = form.getAttribute('data-autosave');
  if (autosaveUrl && !form.querySelector('fieldset[disabled]')) {
    setInterval(async () => {
      if (!changedSinceSave) return;
      changedSinceSave = false;
      try {
        const { json } = await post(autosaveUrl);
        if (json.saved && revision instanceof HTMLInputElement && json.revision) revision.value = String(json.revision);
        if (!json.saved) changedSinceSave = true;
        if (status && typeof json.message === 'string') status.textContent = json.message;
      } catch {
        changedSinceSave = true;
      }
    }, 15000);
  }

  enableImageUpload(form, body);

  // A finding that names a line of the text takes the cursor there.
  document.addEventListener('click', (event) => {
    const item = event.target instanceof Element ? event.target.closest('.finding[data-line]') : null;
    const line = Number(item?.getAttribute('data-line'));
    if (!line) return;
    const lines = body.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    body.focus();
    body.setSelectionRange(start, start + (lines[line - 1] ?? '').length);
  });
}

function applyMark(area, mark) {
  const { selectionStart: start, selectionEnd: end, value } = area;
  const selected = value.slice(start, end);
  let text;
  if (mark === '## ' || mark === '- ') {
    const lineStart = value.lastIndexOf('\n', start - 1) + 1;
    area.setRangeText(mark, lineStart, lineStart, 'end');
  } else if (mark.startsWith('[](')) {
    text = `[${selected || 'text'}](https://)`;
    area.setRangeText(text, start, end, 'end');
  } else if (mark === '[1]') {
    area.setRangeText('[1]', end, end, 'end');
  } else {
    area.setRangeText(`${mark}${selected}${mark}`, start, end, 'end');
  }
  area.focus();
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

// Upload an image and put its Markdown where the cursor was; the server refuses a file without alt text.
function enableImageUpload(form, body) {
  const box = document.querySelector('.image-upload');
  const fields = box?.querySelector('.image-upload-fields');
  const file = document.getElementById('f-image-file');
  const alt = document.getElementById('f-image-alt');
  const status = document.getElementById('image-status');
  const button = document.getElementById('image-insert');
  if (!box || !fields || !(file instanceof HTMLInputElement) || !(alt instanceof HTMLInputElement) || !button || !status) return;
  fields.hidden = false;
  button.addEventListener('click', async () => {
    const chosen = file.files?.[0];
    const data = new FormData();
    data.append('_csrf', form.querySelector('input[name="_csrf"]')?.value ?? '');
    data.append('alt', alt.value);
    if (chosen) data.append('file', chosen);
    status.textContent = '…';
    try {
      const res = await fetch(box.getAttribute('data-upload') ?? '', { method: 'POST', body: data, credentials: 'same-origin', headers: { accept: 'application/json' } });
      const json = await res.json();
      if (!res.ok || typeof json.markdown !== 'string') {
        status.textContent = typeof json.message === 'string' ? json.message : String(res.status);
        return;
      }
      const at = body.selectionEnd;
      body.setRangeText(`\n\n${json.markdown}\n\n`, at, at, 'end');
      body.dispatchEvent(new Event('input', { bubbles: true }));
      status.textContent = json.markdown;
      file.value = '';
      alt.value = '';
    } catch {
      status.textContent = '!';
    }
  });
}
