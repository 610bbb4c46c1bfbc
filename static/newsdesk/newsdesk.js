// Small behaviour htmx does not cover. Everything works without this file.

// The outlet picker's search box narrows its list as the reader types.
document.addEventListener("input", (event) => {
  const input = event.target.closest("[data-filter-list]");
  if (!input) return;
  const needle = input.value.trim().toLowerCase();
  document.querySelectorAll(`#${input.dataset.filterList} [data-name]`).forEach((item) => {
    item.hidden = needle !== "" && !item.dataset.name.includes(needle);
  });
});
