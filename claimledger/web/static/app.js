// Small behaviours: auto-submit the filters; the claim panel of the article page.
(function () {
  "use strict";
  var filters = document.getElementById("filters");
  if (filters) {
    filters.querySelectorAll("select").forEach(function (s) {
      s.addEventListener("change", function () { filters.submit(); });
    });
  }
  var data = document.getElementById("claims-data");
  if (!data) return;
  var claims = JSON.parse(data.textContent);
  var panel = document.getElementById("claim-panel");
  var text = document.getElementById("text");
  text.querySelectorAll("mark.num").forEach(function (m) {
    var c = claims[Number(m.dataset.claim)];
    m.title = c.category + " " + c.span + " — " + c.chain;
  });
  function show(mark) {
    var c = claims[Number(mark.dataset.claim)];
    text.querySelectorAll("mark.num.active").forEach(function (m) { m.classList.remove("active"); });
    text.querySelectorAll('mark.num[data-claim="' + mark.dataset.claim + '"]').forEach(function (m) { m.classList.add("active"); });
    panel.replaceChildren();
    var h = document.createElement("h3");
    h.textContent = c.category + ": " + c.span;
    h.dir = "auto";  // a Persian span reads right to left
    var chain = document.createElement("p");
    chain.textContent = c.chain;
    var links = document.createElement("p");
    if (c.event) {
      var a = document.createElement("a");
      a.href = "/events/" + encodeURIComponent(c.event);
      a.textContent = "its event";
      links.appendChild(a);
    }
    var pre = document.createElement("pre");
    pre.className = "claim-record";
    pre.textContent = JSON.stringify(c, null, 1);
    panel.append(h, chain, links, pre);
  }
  text.addEventListener("click", function (e) {
    var m = e.target.closest("mark.num");
    if (m) show(m);
  });
  text.addEventListener("keydown", function (e) {
    var m = e.target.closest("mark.num");
    if (m && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); show(m); }
  });
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.matches("mark.num")) show(target);
})();
