// The Markdown editor's enhancements (templates/_macros/editor.html). The toolbar itself is
// @github/markdown-toolbar-element; previews and drafts are htmx attributes in the markup.
// Without any of this the form still works: its Preview button renders every field.

// Ctrl/Cmd+B, I, K, E in a textarea press the toolbar button with that data-shortcut.
document.addEventListener("keydown", (event) => {
  const field = event.target;
  if (!(field instanceof HTMLTextAreaElement) || !field.id) return;
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
  const toolbar = document.querySelector(`markdown-toolbar[for="${CSS.escape(field.id)}"]`);
  const key = CSS.escape(event.key.toLowerCase());
  const button = toolbar && toolbar.querySelector(`[data-shortcut="${key}"]`);
  if (!button) return;
  event.preventDefault();
  button.click();
});

// htmx leaves 4xx answers out of the page; where they explain themselves ("too long"), show them.
document.addEventListener("htmx:beforeSwap", (event) => {
  const { xhr, target } = event.detail;
  if (xhr.status === 413 && target.hasAttribute("data-swap-errors")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// A draft that could not be saved (offline, signed out) says so instead of keeping "Draft saved".
function draftNotSaved(event) {
  const status = event.detail.elt;
  if (status.id === "draft-status" && status.dataset.errorMessage) {
    status.textContent = status.dataset.errorMessage;
  }
}
document.addEventListener("htmx:sendError", draftNotSaved);
document.addEventListener("htmx:responseError", draftNotSaved);

// Once the editing form is being sent (Save or Preview), a late autosave would bring back the
// draft that saving deletes: hold htmx requests from that form until the page is shown again.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!event.defaultPrevented && form.querySelector("#draft-status")) {
    form.dataset.submitting = "true";
  }
});
document.addEventListener("htmx:beforeRequest", (event) => {
  if (event.detail.elt.closest("form[data-submitting]")) {
    event.preventDefault();
  }
});
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-submitting]")) {
    delete form.dataset.submitting;
  }
});
