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
    // an upload shows its progress, then the page it leads to
    document.querySelectorAll("form[data-upload]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.XMLHttpRequest || !window.FormData) { return; }
        event.preventDefault();
        var shown = form.querySelector(".upload-progress");
        var bar = shown.querySelector("progress"), label = shown.querySelector("span");
        var xhr = new XMLHttpRequest();
        shown.hidden = false;
        form.querySelector("button[type=submit]").disabled = true;
        xhr.upload.addEventListener("progress", function (e) {
          if (e.lengthComputable) {
            var pct = Math.round(100 * e.loaded / e.total);
            bar.value = pct; label.textContent = pct + " %";
          }
        });
        xhr.addEventListener("load", function () {
          if (xhr.status < 400) { window.location.assign(xhr.responseURL); return; }
          var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
          var main = page.querySelector("main");
          if (main) { document.querySelector("main").replaceWith(main); }
          else {  // the size limit answers in JSON, before the app reads the body
            var said = "";
            try { said = JSON.parse(xhr.responseText).error.message; } catch (e) { said = ""; }
            label.textContent = "Not uploaded: " + (said || "the server said " + xhr.status);
            form.querySelector("button[type=submit]").disabled = false;
          }
        });
        xhr.addEventListener("error", function () { label.textContent = "The upload failed: try again"; });
        xhr.open("POST", form.action);
        xhr.setRequestHeader("X-CSRF-Token", meta ? meta.content : "");
        xhr.send(new FormData(form));
      });
    });
    // a list of jobs still at work asks again every two seconds until all are done
    function poll() {
      var list = document.querySelector("[data-poll]");
      if (!list) { return; }
      window.setTimeout(function () {
        fetch(list.dataset.poll, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
          .then(function (html) {
            var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("upload-jobs");
            if (fresh) { list.replaceWith(fresh); }
            poll();
          })
          .catch(function () { window.setTimeout(poll, 5000); });
      }, 2000);
    }
    poll();
    // forms that delete or revoke something ask once more
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
      });
    });
  });
})();
