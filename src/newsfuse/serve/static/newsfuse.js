// newsfuse: optional niceties; every page reads fine without this file.
// - "Expand all" / "Collapse all" buttons for sections with evidence lists;
// - following a link to #point-N opens that point's evidence.
(function () {
  "use strict";

  function setAll(root, isOpen) {
    root.querySelectorAll("details").forEach(function (details) { details.open = isOpen; });
  }

  document.querySelectorAll("section.expandable").forEach(function (section) {
    if (!section.querySelector("details")) { return; }
    var bar = document.createElement("div");
    bar.className = "expand-bar";
    [["Expand all", true], ["Collapse all", false]].forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = pair[0];
      button.addEventListener("click", function () { setAll(section, pair[1]); });
      bar.appendChild(button);
    });
    var heading = section.querySelector("h2");
    if (heading) { heading.insertAdjacentElement("afterend", bar); }
  });

  function openTarget() {
    var target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
    if (target) { target.querySelectorAll("details").forEach(function (d) { d.open = true; }); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
}());
