"""The report's one script: sortable tables, filters for the episode tables, lane toggles.

The pages forbid every remote fetch (CSP ``default-src 'none'``) and allow exactly this inline
script by its SHA-256 hash, so nothing else can run even if a log's text tried to inject markup.
Everything works without it too: tables are complete and in a sensible order, only static.
"""

from __future__ import annotations

import base64
import hashlib

SCRIPT = """
(function () {
  document.documentElement.setAttribute("data-script", "ran");
  function key(row, col) {
    var cell = row.cells[col];
    if (!cell) { return [2, ""]; }
    var v = cell.getAttribute("data-v");
    if (v !== null && v !== "") { return [0, parseFloat(v)]; }
    var text = cell.textContent.trim();
    return text === "" || text === "\\u2013" ? [2, ""] : [1, text.toLowerCase()];
  }
  function compare(a, b, dir) {
    if (a[0] !== b[0]) { return a[0] - b[0]; }
    if (a[1] === b[1]) { return 0; }
    return (a[1] < b[1] ? -1 : 1) * dir;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th) {
      th.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) { return compare(key(a, th.cellIndex), key(b, th.cellIndex), dir); });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  document.querySelectorAll("[data-filter]").forEach(function (box) {
    var table = document.getElementById(box.getAttribute("data-filter"));
    var text = box.querySelector("input");
    var selects = box.querySelectorAll("select");
    var count = box.querySelector(".count");
    function apply() {
      var needle = text.value.toLowerCase(), shown = 0, rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var ok = rows[i].textContent.toLowerCase().indexOf(needle) >= 0;
        selects.forEach(function (sel) {
          var cell = rows[i].cells[parseInt(sel.getAttribute("data-col"), 10)];
          if (sel.value !== "" && (!cell || cell.textContent.trim() !== sel.value)) { ok = false; }
        });
        rows[i].hidden = !ok;
        shown += ok ? 1 : 0;
      }
      count.textContent = shown + " of " + rows.length + " shown";
    }
    text.addEventListener("input", apply);
    selects.forEach(function (sel) { sel.addEventListener("change", apply); });
  });
  document.querySelectorAll("input[data-lane]").forEach(function (box) {
    box.addEventListener("change", function () {
      var user = box.getAttribute("data-lane");
      document.querySelectorAll("[data-user]").forEach(function (cell) {
        if (cell.getAttribute("data-user") === user) { cell.hidden = !box.checked; }
      });
    });
  });
})();
"""


def script_hash(script: str = SCRIPT) -> str:
    """The CSP source expression that allows exactly ``script``: 'sha256-<base64>'."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
