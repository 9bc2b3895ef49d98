// The search page with htmx: a query the server rejects (400) still replaces the results, so
// the teacher reads why; other error statuses stay with htmx's default (no swap).
document.addEventListener("htmx:beforeSwap", (event) => {
  const form = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (event.detail.xhr.status === 400 && form && form.closest("[data-search-form]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// A ticked facet or a new sort order searches at once; the query waits for Search.
document.addEventListener("change", (event) => {
  const form = event.target.form;
  if (form && form.matches("[data-search-form]") && event.target.name !== "q") {
    form.requestSubmit();
  }
});
