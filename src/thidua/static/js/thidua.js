// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", function (event) {
  if (event.target.classList && event.target.classList.contains("js-autosubmit")) {
    event.target.form.submit();
  }
});
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRFToken"] = meta.content; }
});
document.addEventListener("click", function (event) {
  var target = event.target.closest ? event.target.closest("[data-confirm]") : null;
  if (target && !window.confirm(target.getAttribute("data-confirm"))) { event.preventDefault(); }
});
// The menu: the phone's Menu button shows every group; on a wider screen each group is a drop-down.
(function () {
  function setOpen(toggle, target, open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    target.classList.toggle("is-open", open);
  }
  function closeGroups(except) {
    document.querySelectorAll(".nav-group.is-open").forEach(function (group) {
      if (group !== except) { setOpen(group.querySelector(".nav-group-toggle"), group, false); }
    });
  }
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest ? event.target.closest(".menu-toggle, .nav-group-toggle") : null;
    if (!toggle) {
      if (!(event.target.closest && event.target.closest(".nav-group"))) { closeGroups(null); }
      return;
    }
    var open = toggle.getAttribute("aria-expanded") !== "true";
    if (toggle.classList.contains("menu-toggle")) {
      setOpen(toggle, document.getElementById(toggle.getAttribute("aria-controls")), open);
    } else {
      closeGroups(toggle.parentElement);
      setOpen(toggle, toggle.parentElement, open);
    }
  });
  document.addEventListener("keydown", function (event) {
    var group = document.querySelector(".nav-group.is-open");
    if (event.key === "Escape" && group) {
      closeGroups(null);
      group.querySelector(".nav-group-toggle").focus();
    }
  });
  // A keyboard user who tabs out of a drop-down leaves it closed behind them.
  document.addEventListener("focusout", function (event) {
    var group = event.target.closest ? event.target.closest(".nav-group.is-open") : null;
    if (group && !(event.relatedTarget && group.contains(event.relatedTarget))) { closeGroups(null); }
  });
})();
// Phone cards (table.stack in thidua.css): a cell the page did not label gets its column's heading as data-label.
(function () {
  function label(table) {
    var heads = [];
    table.querySelectorAll("thead tr:last-child th").forEach(function (th) {
      for (var i = 0; i < (th.colSpan || 1); i++) { heads.push(th.textContent.trim()); }
    });
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      var column = 0;
      Array.prototype.forEach.call(tr.children, function (cell) {
        if (!cell.hasAttribute("data-label") && heads[column] && !(cell.colSpan > 1)) {
          cell.setAttribute("data-label", heads[column]);
        }
        column += cell.colSpan || 1;
      });
    });
  }
  function labelAll(root) { (root || document).querySelectorAll("table.stack").forEach(label); }
  document.addEventListener("DOMContentLoaded", function () { labelAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { labelAll(event.target.closest ? event.target.closest("main") || document : document); });
})();
