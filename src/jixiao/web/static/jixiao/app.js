// Small glue for htmx pages: mark inputs that findings point at, and show upload progress.
(function () {
  "use strict";
  function markCells() {
    document.querySelectorAll(".cell-error, .cell-warning").forEach(function (el) {
      el.classList.remove("cell-error", "cell-warning");
    });
    document.querySelectorAll(".note[data-fields]").forEach(function (note) {
      var cls = note.classList.contains("sev-error") ? "cell-error" : "cell-warning";
      note.getAttribute("data-fields").split(" ").forEach(function (name) {
        if (!name) { return; }
        document.querySelectorAll("[name]").forEach(function (input) {
          if (input.getAttribute("name") === name) { input.classList.add(cls); }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", markCells);
  document.addEventListener("htmx:afterSettle", markCells);
  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = document.getElementById("upload-progress");
    if (bar && event.detail.lengthComputable) {
      bar.hidden = false;
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });
})();
