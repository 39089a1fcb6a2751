// insvigil workspace: keyboard shortcuts on the queue and on an item. Shipped with the
// package, never inline (the Content-Security-Policy forbids inline script). Pages work
// without it.
"use strict";
(function () {
  function typing(event) {
    const t = event.target;
    return t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));
  }
  function go(selector) {
    const link = document.querySelector(selector);
    if (link && link.href) { window.location.assign(link.href); return true; }
    return false;
  }
  function moveSelection(rows, step) {
    if (!rows.length) return;
    let index = rows.findIndex((r) => r.classList.contains("selection"));
    if (index >= 0) rows[index].classList.remove("selection");
    index = Math.min(rows.length - 1, Math.max(0, index + step));
    rows[index].classList.add("selection");
    rows[index].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event)) return;
    const rows = Array.from(document.querySelectorAll("table.file tbody tr[data-href]"));
    if (event.key === "j") { moveSelection(rows, 1); event.preventDefault(); }
    else if (event.key === "k") { moveSelection(rows, -1); event.preventDefault(); }
    else if (event.key === "Enter" && rows.length) {
      const row = rows.find((r) => r.classList.contains("selection"));
      if (row) { window.location.assign(row.dataset.href); event.preventDefault(); }
    }
    else if (event.key === "n") { if (go("a[data-raccourci='suivant']")) event.preventDefault(); }
    else if (event.key === "p") { if (go("a[data-raccourci='precedent']")) event.preventDefault(); }
    else if (event.key === "f") { if (go("a[data-raccourci='file']")) event.preventDefault(); }
    else if (event.key === "c") {
      const comment = document.querySelector("textarea[name='commentaire']");
      if (comment) { comment.focus(); event.preventDefault(); }
    }
  });
  document.addEventListener("click", function (event) {
    const row = event.target.closest && event.target.closest("table.file tbody tr[data-href]");
    if (row && !event.target.closest("a, button, input")) window.location.assign(row.dataset.href);
  });
})();
