// Small glue for htmx pages: mark the inputs that findings point at.
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
})();

// Import page: upload the chosen files one by one and add each file's result row as it finishes,
// so a long batch shows its progress file by file (without JavaScript the form posts all at once).
(function () {
  "use strict";
  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "import-form" || !window.fetch) { return; }
    if (form.querySelector("#background") && form.querySelector("#background").checked) { return; }
    event.preventDefault();
    var files = Array.from(form.querySelector("input[name=files]").files);
    var rows = document.getElementById("import-rows");
    var progress = document.getElementById("import-progress");
    var empty = document.getElementById("import-empty");
    if (empty) { empty.hidden = true; }
    document.getElementById("import-table").hidden = false;
    var button = form.querySelector("button");
    button.disabled = true;
    var pending = files.map(function (file) {
      var row = document.createElement("tr");
      row.innerHTML = "<td>" + escapeText(file.name) + "</td><td>⏳ 等待</td><td></td><td></td>";
      rows.appendChild(row);
      return row;
    });
    var done = 0;
    function next(index) {
      if (index >= files.length) {
        button.disabled = false;
        progress.textContent = "全部完成：" + done + " / " + files.length;
        return;
      }
      pending[index].children[1].textContent = "⏫ 导入中…";
      progress.textContent = "正在导入第 " + (index + 1) + " / " + files.length + " 个文件";
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("unit", form.querySelector("[name=unit]").value);
      data.append("files", files[index]);
      fetch(form.getAttribute("data-rows-url"), { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.text().then(function (html) { return { ok: response.ok, html: html }; });
        })
        .then(function (result) {
          if (result.ok) {
            var holder = document.createElement("tbody");
            holder.innerHTML = result.html;
            pending[index].replaceWith.apply(pending[index], Array.from(holder.children));
          } else {
            pending[index].children[1].textContent = "✗ 失败";
            pending[index].children[2].textContent = "服务器错误，请稍后重试";
          }
        })
        .catch(function () { pending[index].children[1].textContent = "✗ 网络错误"; })
        .then(function () { done += 1; next(index + 1); });
    }
    next(0);
  });
})();
