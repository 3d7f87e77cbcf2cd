// footfix: a few lines of plain JavaScript. Every page works without it; this only helps.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  // htmx requests carry the page's CSRF token in a header (forms carry it as a field)
  document.addEventListener("htmx:configRequest", function (event) {
    if (meta) { event.detail.headers["X-CSRF-Token"] = meta.content; }
  });
  document.addEventListener("DOMContentLoaded", function () {
    // the browser's own time zone, when the form offers a choice and none was made
    var zone = document.querySelector("select[data-timezone]");
    if (zone && !zone.dataset.chosen && window.Intl) {
      var here = Intl.DateTimeFormat().resolvedOptions().timeZone;
      for (var i = 0; i < zone.options.length; i++) {
        if (zone.options[i].value === here) { zone.selectedIndex = i; break; }
      }
    }
    // forms that delete or revoke something ask once more
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
      });
    });
  });
})();
