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

// A chip swaps only its passage's body; move the pressed state to the chip
// that asked. (Without JavaScript the chip's href renders this server-side.)
document.addEventListener("htmx:afterRequest", (event) => {
  const chip = event.detail.elt;
  if (!event.detail.successful || !chip.matches || !chip.matches(".chip[aria-pressed]")) return;
  chip.closest(".chips").querySelectorAll(".chip[aria-pressed]").forEach((other) => {
    const pressed = other === chip;
    other.setAttribute("aria-pressed", String(pressed));
    other.classList.toggle("pressed", pressed);
  });
});

// A failed swap (server error, lost connection) leaves the page as it was;
// say so, and offer the link's own full-page address, which always works.
function showRequestError(event) {
  const box = document.getElementById("request-error");
  if (!box) return;
  const link = event.detail.elt.closest("a[href]");
  box.textContent = "That part of the page could not be loaded. ";
  if (link) {
    const retry = document.createElement("a");
    retry.href = link.href;
    retry.textContent = "Open it as a full page";
    box.append(retry);
  }
  box.hidden = false;
}
document.addEventListener("htmx:responseError", showRequestError);
document.addEventListener("htmx:sendError", showRequestError);
document.addEventListener("htmx:afterSwap", () => {
  const box = document.getElementById("request-error");
  if (box) box.hidden = true;
});

// Chips are links that act as buttons (role=button): Space presses them as
// Enter does, instead of scrolling the page.
document.addEventListener("keydown", (event) => {
  if (event.key !== " " && event.key !== "Spacebar") return;
  const chip = event.target.closest && event.target.closest('a[role="button"]');
  if (!chip) return;
  event.preventDefault();
  chip.click();
});

// A swap replaces the control that asked for it (the filter and read-against
// links live in the list they swap). Put focus back on its replacement, found
// by id, so keyboard readers stay where they were; then announce the new
// list's status line through the page's stable live region.
let focusedId = null;
document.addEventListener("htmx:beforeSwap", () => {
  const active = document.activeElement;
  focusedId = active && active.id ? active.id : null;
});
document.addEventListener("htmx:afterSettle", (event) => {
  if (focusedId) {
    const again = document.getElementById(focusedId);
    if (again) again.focus({ preventScroll: true });
    focusedId = null;
  }
  const target = event.detail.target;
  if (!target || target.id !== "passage-list") return;
  const status = document.querySelector("#passage-list [data-swap-status]");
  const live = document.getElementById("swap-status");
  if (status && live) live.textContent = status.textContent.trim();
});

// On a phone the side panels come before the passages: start them folded.
if (window.matchMedia && window.matchMedia("(max-width: 40rem)").matches) {
  document.querySelectorAll("details.panel[open]").forEach((panel) => panel.removeAttribute("open"));
}
