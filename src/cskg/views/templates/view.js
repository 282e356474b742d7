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

  /* The opening zoom: the whole network if its text can be read so (at least READABLE_PX on screen
     for the smallest font that matters); else that zoom around the centre node of a service view, or,
     for the other views, at the top left corner of the network, unless the screen placed at some
     node's top left corner shows at least twice as many whole nodes: a column layout's first column
     can stand far below the top of the next, and a phone would open on empty space. The rest is a
     drag or scroll away. */
  var READABLE_PX = 11;
  function openingView() {
    network.fit({ animation: false });
    var smallest = Infinity;
    nodes.get().forEach(function (n) { if (!n.hidden && n.font && n.font.size) { smallest = Math.min(smallest, n.font.size); } });
    if (!isFinite(smallest)) { smallest = 14; }
    var readable = READABLE_PX / smallest;
    if (network.getScale() >= readable) { return; }
    var w = container.clientWidth, h = container.clientHeight;
    var centre = meta.centre && nodes.get(meta.centre);
    if (centre) {
      network.moveTo({ position: network.getPosition(meta.centre), scale: readable, animation: false });
      return;
    }
    var pad = 12 / readable, width = w / readable - 2 * pad, height = h / readable - 2 * pad;
    var boxes = [], left = Infinity, top = Infinity;
    nodes.get().forEach(function (n) {
      if (n.hidden) { return; }
      var box = network.getBoundingBox(n.id);
      boxes.push(box);
      left = Math.min(left, box.left); top = Math.min(top, box.top);
    });
    var corners = [{ x: left, y: top }].concat(boxes
      .map(function (b) { return { x: b.left, y: b.top }; })
      .sort(function (a, b) { return a.y - b.y || a.x - b.x; }));
    function shown(c) {
      var inside = 0;
      boxes.forEach(function (b) {
        if (b.left >= c.x && b.right <= c.x + width && b.top >= c.y && b.bottom <= c.y + height) { inside += 1; }
      });
      return inside;
    }
    var best = corners[0], most = -1;
    corners.forEach(function (c) {
      var inside = shown(c);
      if (inside > most) { most = inside; best = c; }
    });
    if (most < 2 * shown(corners[0])) { best = corners[0]; }  /* the top left unless it shows far less */
    network.moveTo({
      position: { x: best.x - pad + w / 2 / readable, y: best.y - pad + h / 2 / readable },
      scale: readable, animation: false
    });
  }
  view.openingView = openingView;

  function settled() {
    if (view.ready) { return; }
    view.ready = true;
    network.setOptions({ physics: { enabled: false } });
    openingView();
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
    tip.style.left = Math.max(0, Math.min(pointer.DOM.x + 14, container.clientWidth - 370)) + "px";
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

  /* Find by name, as the command line resolves names: a node's label, any alias or its id, folded
     (case, quote marks, punctuation and a leading "the" do not matter); exact first, then a name
     that starts with the words, then one that holds them, then a quote that holds them. */
  function fold(text) {
    var key = String(text || "").toLowerCase().replace(/['‘’"“”`]/g, "").replace(/[^0-9a-z\u00c0-\uffff]+/g, " ").trim();
    return key.indexOf("the ") === 0 ? key.slice(4) : key;
  }
  var names = document.getElementById("cskg-names");
  var sorted = nodes.get().slice().sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
  var keyed = sorted.map(function (n) {
    var all = [n.name].concat(n.names || []);
    return { node: n, keys: all.map(fold).filter(function (k) { return k; }), quote: fold(n.quote) };
  });
  var offered = {};
  keyed.forEach(function (k) {
    [k.node.name].concat(k.node.names || []).forEach(function (text) {
      if (!text || offered[text]) { return; }
      offered[text] = true;
      var o = document.createElement("option");
      o.value = text;
      if (text !== k.node.name) { o.label = text + " → " + k.node.name; }
      names.appendChild(o);
    });
  });
  function lookUp(text) {
    var q = fold(text);
    if (!q) { return null; }
    var tests = [
      function (k) { return k.keys.indexOf(q) >= 0; },
      function (k) { return k.keys.some(function (key) { return key.indexOf(q) === 0; }); },
      function (k) { return k.keys.some(function (key) { return (" " + key + " ").indexOf(" " + q) >= 0; }); },
      function (k) { return k.keys.some(function (key) { return key.indexOf(q) >= 0; }); },
      function (k) { return k.quote.indexOf(q) >= 0; }
    ];
    for (var i = 0; i < tests.length; i++) {
      var hit = keyed.find(tests[i]);
      if (hit) { return hit.node; }
    }
    return null;
  }
  function find(text) {
    var hit = lookUp(text);
    var result = document.getElementById("cskg-find-result");
    if (!hit) { result.textContent = "Nothing named “" + text + "” in this view."; return null; }
    if (hit.hidden) { nodes.update({ id: hit.id, hidden: false }); }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    result.textContent = "Found: " + hit.name;
    showDetails(nodes.get(hit.id), false);
    return hit.id;
  }
  /* Suggestions as you type: the names that would be found. */
  var suggest = document.getElementById("cskg-suggest");
  document.getElementById("cskg-find-input").addEventListener("input", function (e) {
    var q = fold(e.target.value);
    suggest.textContent = "";
    if (q.length < 2) { return; }
    var shown = 0;
    keyed.forEach(function (k) {
      if (shown >= 6) { return; }
      var key = k.keys.find(function (key) { return key.indexOf(q) >= 0; });
      if (key === undefined) { return; }
      shown += 1;
      var b = el("button", "cskg-suggestion", k.node.name);
      b.type = "button";
      b.addEventListener("click", function () { document.getElementById("cskg-find-input").value = k.node.name; find(k.node.name); suggest.textContent = ""; });
      suggest.appendChild(b);
    });
  });
  view.find = find;
  document.getElementById("cskg-find").addEventListener("submit", function (e) {
    e.preventDefault();
    suggest.textContent = "";
    find(document.getElementById("cskg-find-input").value);
  });

  /* On a narrow screen the side panel folds away behind a button and the network fills the screen. */
  var toggle = document.getElementById("cskg-panel-toggle");
  toggle.addEventListener("click", function () {
    var open = document.body.classList.toggle("cskg-panel-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.textContent = open ? "Close the panel" : "Find, legend and details";
  });
  network.on("click", function (p) {
    if ((p.nodes.length || p.edges.length) && window.matchMedia("(max-width: 760px)").matches) {
      document.body.classList.add("cskg-panel-open");
      toggle.setAttribute("aria-expanded", "true");
      toggle.textContent = "Close the panel";
    }
  });
}());
