// Follows the state of the project's PDF reports without reloading the page: polls the
// JSON endpoint (with If-None-Match, so an unchanged state is a bodiless 304) while a report
// is queued or rendering, then redraws the table rows and announces readiness.
(function () {
  "use strict";
  var panel = document.getElementById("report");
  if (!panel || !window.fetch) { return; }
  var url = panel.getAttribute("data-report-state-url");
  var rows = panel.querySelector("[data-report-rows]");
  var status = panel.querySelector("[data-report-status]");
  var etag = null;
  var delay = 2000;

  function cell(tr, text) {
    var td = document.createElement("td");
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function draw(data) {
    while (rows.firstChild) { rows.removeChild(rows.firstChild); }
    data.reports.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-state", r.state);
      cell(tr, String(r.version));
      cell(tr, r.language_label);
      cell(tr, r.state_label + (r.failure_reason ? ": " + r.failure_reason : ""));
      var file = cell(tr, "");
      if (r.download_url) {
        var a = document.createElement("a");
        a.href = r.download_url;
        a.textContent = panel.getAttribute("data-label-download");
        file.appendChild(a);
        file.appendChild(document.createTextNode(" (" + r.page_count + " " + panel.getAttribute("data-label-pages") + ")"));
      }
      rows.appendChild(tr);
    });
  }

  function poll() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(url, { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 304) { return null; }
        if (!response.ok) { throw new Error(String(response.status)); }
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (data) {
        if (data) {
          var wasPending = panel.getAttribute("data-pending") === "true";
          draw(data);
          panel.setAttribute("data-pending", data.pending ? "true" : "false");
          if (wasPending && !data.pending) { status.textContent = panel.getAttribute("data-label-ready"); }
        }
        if (panel.getAttribute("data-pending") === "true") {
          delay = Math.min(delay * 1.5, 15000);
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () { window.setTimeout(poll, 15000); });
  }

  if (panel.getAttribute("data-pending") === "true") { window.setTimeout(poll, delay); }
})();
