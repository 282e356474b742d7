/* cskg network view: draws the network, then adds the legend filters, the
   year filter, find-by-name, tooltips and the details panel.  Every string
   from the documents is put on the page with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cskg-data").textContent);
  var meta = JSON.parse(document.getElementById("cskg-meta").textContent);
  var options = typeof data.options === "string" ? JSON.parse(data.options) : data.options;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("cskg-network");
  var view = window.cskgView = {
    nodes: nodes, edges: edges, meta: meta, network: null,
    started: performance.now(), stabilised: null, ready: false
  };
  var network = view.network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  function settled() {
    if (view.ready) { return; }
    view.ready = true;
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    view.stabilised = performance.now();
    document.body.setAttribute("data-stabilised", "true");
  }
  var physics = options.physics && options.physics.enabled !== false;
  if (physics) {
    network.once("stabilizationIterationsDone", settled);
  } else {
    network.once("afterDrawing", settled);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function kindName(kind) { return (meta.kinds[kind] && meta.kinds[kind].name) || kind; }

  /* Details panel: the node's kind, name, detail line, source and quote. */
  var details = document.getElementById("cskg-details");
  function showDetails(item, isEdge) {
    details.textContent = "";
    details.appendChild(el("h2", null, "Details"));
    if (!item) { return; }
    if (isEdge) {
      var from = nodes.get(item.from), to = nodes.get(item.to);
      details.appendChild(el("div", "kind", "link"));
      details.appendChild(el("div", "name", (from ? from.name : item.from) + " — " + item.relation + " — " + (to ? to.name : item.to)));
      if (item.detail) { details.appendChild(el("p", "detail", item.detail)); }
      return;
    }
    details.appendChild(el("div", "kind", kindName(item.kind)));
    details.appendChild(el("div", "name", item.name));
    if (item.detail) { details.appendChild(el("p", "detail", item.detail)); }
    if (item.quote) { details.appendChild(el("blockquote", "quote", item.quote)); }
    if (item.ref) { details.appendChild(el("div", "ref", "Source: " + item.ref)); }
    if (item.iri) { details.appendChild(el("div", "ref", item.iri)); }
  }
  view.showDetails = showDetails;

  /* Tooltip on hover, built from text nodes. */
  var tip = document.getElementById("cskg-tip");
  function showTip(item, pointer, isEdge) {
    tip.textContent = "";
    if (isEdge) {
      tip.appendChild(el("div", "name", item.relation));
      if (item.detail) { tip.appendChild(el("div", null, item.detail)); }
    } else {
      tip.appendChild(el("div", "name", item.name));
      tip.appendChild(el("div", null, kindName(item.kind) + (item.ref ? " · " + item.ref : "")));
      if (item.detail) { tip.appendChild(el("div", null, item.detail)); }
      if (item.quote) { tip.appendChild(el("div", "quote", "“" + item.quote + "”")); }
    }
    tip.style.left = Math.min(pointer.DOM.x + 14, container.clientWidth - 370) + "px";
    tip.style.top = (pointer.DOM.y + 14) + "px";
    tip.hidden = false;
  }
  network.on("hoverNode", function (p) { showTip(nodes.get(p.node), p.pointer, false); });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("hoverEdge", function (p) { showTip(edges.get(p.edge), p.pointer, true); });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("click", function (p) {
    if (p.nodes.length) { showDetails(nodes.get(p.nodes[0]), false); }
    else if (p.edges.length) { showDetails(edges.get(p.edges[0]), true); }
  });

  /* Filters: kinds (legend checkboxes) and inspection years. */
  function applyFilters() {
    var kinds = {}, years = {}, anyYear = false;
    document.querySelectorAll("input[data-kind]").forEach(function (c) { kinds[c.getAttribute("data-kind")] = c.checked; });
    document.querySelectorAll("input[data-year]").forEach(function (c) {
      years[c.getAttribute("data-year")] = c.checked; anyYear = true;
    });
    var updates = nodes.get().map(function (n) {
      var hidden = kinds[n.kind] === false;
      if (!hidden && anyYear && n.years && n.years.length) {
        hidden = !n.years.some(function (y) { return years[String(y)]; });
      }
      return { id: n.id, hidden: hidden };
    });
    nodes.update(updates);
  }
  view.applyFilters = applyFilters;
  document.querySelectorAll("input[data-kind], input[data-year]").forEach(function (c) {
    c.addEventListener("change", applyFilters);
  });

  /* Find by name: exact name first, then the first name or quote containing the words. */
  var names = document.getElementById("cskg-names");
  var sorted = nodes.get().slice().sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
  var seen = {};
  sorted.forEach(function (n) {
    if (seen[n.name]) { return; }
    seen[n.name] = true;
    var o = document.createElement("option");
    o.value = n.name;
    names.appendChild(o);
  });
  function find(text) {
    var q = String(text || "").trim().toLowerCase();
    if (!q) { return null; }
    var all = sorted;
    var hit = all.find(function (n) { return n.name.toLowerCase() === q; }) ||
      all.find(function (n) { return n.name.toLowerCase().indexOf(q) >= 0; }) ||
      all.find(function (n) { return (n.quote || "").toLowerCase().indexOf(q) >= 0; });
    var result = document.getElementById("cskg-find-result");
    if (!hit) { result.textContent = "Nothing named “" + text + "” in this view."; return null; }
    if (hit.hidden) { nodes.update({ id: hit.id, hidden: false }); }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.2, animation: false });
    result.textContent = "Found: " + hit.name;
    showDetails(nodes.get(hit.id), false);
    return hit.id;
  }
  view.find = find;
  document.getElementById("cskg-find").addEventListener("submit", function (e) {
    e.preventDefault();
    find(document.getElementById("cskg-find-input").value);
  });
}());
