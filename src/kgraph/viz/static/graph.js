// kgraph's evidence graph: draws the JSON in #kgraph-data with vis-network.
// Every text from the data reaches the page through textContent (never
// innerHTML) or the canvas, so a label such as <img src=x onerror=...>
// shows as text. Positions come with the data (laid out by role when the
// page was written); physics stays off. A large graph comes in parts: the
// first is drawn at once, the others when asked for.
(function () {
  "use strict";
  performance.mark("kgraph-start");

  var data = JSON.parse(document.getElementById("kgraph-data").textContent);
  var style = data.style;
  var about = data.about;
  var text = style.labels;
  var MARGIN = 12;      // pixels kept free around the drawing when it is fitted to the window
  var MAX_SCALE = 1.5;  // a small graph is not blown up beyond this
  var BUSY = 1000;      // above this many nodes shown, edges hide while dragging and zooming

  // One tooltip element shared by every node and edge, filled on hover:
  // building one per item would cost time and memory on large graphs.
  var tip = document.createElement("div");

  function el(tag, className, value) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    e.textContent = value;
    return e;
  }

  function factLines(parent, facts, className) {
    facts.forEach(function (fact) {
      var line = document.createElement("div");
      line.className = className;
      line.appendChild(el("span", "fact-name", fact[0] + ": "));
      line.appendChild(document.createTextNode(fact[1]));
      parent.appendChild(line);
    });
  }

  function fillTip(heading, facts) {
    tip.replaceChildren();
    tip.appendChild(el("div", "tip-head", heading));
    factLines(tip, facts, "tip-line");
  }

  // Derived evidence is drawn fainter than a study's own findings, so that these stand out.
  function edgeColour(e, opacity) {
    var c = e.stance ? style.stances[e.stance].color : style.edges[e.kind].color;
    return { color: c, highlight: c, hover: c, opacity: opacity * (style.edges[e.kind].opacity || 1) };
  }

  var parts = 1;
  var links = data.nodes.map(function () { return []; });
  data.nodes.forEach(function (n) {
    n.title = tip;
    parts = Math.max(parts, (n.part || 0) + 1);
    if (n.contested) {
      n.borderWidth = style.contested.borderWidth;
      n.color = { border: style.contested.border, background: style.kinds[n.group].color };
    }
  });
  // Arrows and dashes cost a browser most of a frame when thousands of long
  // edges are drawn, where they are smaller than a pixel: a view of more than
  // BUSY nodes draws its edges plain (colour still tells the stance and kind),
  // and hides them while it is dragged or zoomed. Arrows are set for all
  // edges at once, so each edge drops the arrow pyvis gives every edge of a
  // directed network.
  var busy = false;
  function look(e) {
    return { id: e.id, dashes: busy ? false : e.indirect ? style.indirect.dashes : style.edges[e.kind].dashes };
  }
  function arrows() { return { to: { enabled: !busy, scaleFactor: 0.5 } }; }
  data.edges.forEach(function (e, i) {
    e.id = i;
    e.title = tip;
    e.width = style.edges[e.kind].width;
    e.color = edgeColour(e, 1);
    e.dashes = look(e).dashes;
    delete e.arrows;
    links[e.from].push(i);
    links[e.to].push(i);
  });

  var groups = {};
  Object.keys(style.kinds).forEach(function (kind) {
    var k = style.kinds[kind];
    groups[kind] = {
      shape: k.shape,
      color: { background: k.color, border: k.border, highlight: { background: k.color, border: "#000000" }, hover: { background: k.color, border: "#000000" } }
    };
  });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);

  var state = {
    stances: new Set(Object.keys(style.stances)),
    kinds: new Set(Object.keys(style.kinds)),
    edgeKinds: new Set(Object.keys(style.edges)),
    time: "all",
    parts: 1,              // parts 0 .. parts - 1 are shown
    revealed: new Set()    // nodes of later parts shown one by one (from search or the details panel)
  };

  function revealed(id) { return (data.nodes[id].part || 0) < state.parts || state.revealed.has(id); }

  function edgeShown(e) {
    if (!state.edgeKinds.has(e.kind)) return false;
    if (!revealed(e.from) || !revealed(e.to)) return false;
    if (!state.kinds.has(data.nodes[e.from].group) || !state.kinds.has(data.nodes[e.to].group)) return false;
    if (e.stance) {
      if (!state.stances.has(e.stance)) return false;
      if (state.time !== "all" && e.time !== state.time) return false;
    }
    return true;
  }

  var nodeView = new vis.DataView(nodes, { filter: function (n) { return state.kinds.has(n.group) && revealed(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: edgeShown });

  var options = {
    autoResize: true,
    groups: groups,
    nodes: {
      borderWidth: 1,
      borderWidthSelected: 3,
      font: { size: text.size, face: "system-ui, sans-serif", color: "#222222", background: "rgba(255,255,255,0.8)" }
    },
    edges: {
      arrows: arrows(),
      smooth: false,
      selectionWidth: 2,
      hoverWidth: 1
    },
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: { enabled: false },
    interaction: { hover: true, tooltipDelay: 150 }
  };

  performance.mark("kgraph-data");
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  performance.mark("kgraph-network");

  var kgraph = {
    network: network,
    nodes: nodes,
    edges: edges,
    nodeView: nodeView,
    edgeView: edgeView,
    about: about,
    captions: data.captions,
    ready: false,
    readyAt: null
  };
  window.kgraph = kgraph;
  window.kgraphNetwork = network;

  // Captions (band titles, outcome names) are drawn on the canvas, in canvas
  // units, over the edges that cross them, and hidden when too small to read.
  var captionFont = "bold " + text.caption_size + "px system-ui, sans-serif";
  network.on("afterDrawing", function (ctx) {
    if (text.caption_size * network.getScale() < 4) return;
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.font = captionFont;
    data.captions.forEach(function (c) {
      if (c.part >= state.parts) return;
      if (c.width === undefined) c.width = ctx.measureText(c.text).width;
      ctx.fillStyle = "rgba(255,255,255,0.85)";
      ctx.fillRect(c.x - c.width / 2 - 2, c.y - text.caption_size / 2 - 2, c.width + 4, text.caption_size + 4);
      ctx.fillStyle = c.band ? text.band_color : text.caption_color;
      ctx.fillText(c.text, c.x, c.y);
    });
    ctx.restore();
  });

  // The box around everything drawn, labels and captions included, in canvas units.
  function drawnBox() {
    var box = null;
    function add(left, top, right, bottom) {
      if (!box) { box = { left: left, top: top, right: right, bottom: bottom }; return; }
      box.left = Math.min(box.left, left); box.top = Math.min(box.top, top);
      box.right = Math.max(box.right, right); box.bottom = Math.max(box.bottom, bottom);
    }
    nodeView.getIds().forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (b) add(b.left, b.top, b.right, b.bottom);
    });
    data.captions.forEach(function (c) {
      if (c.part < state.parts && c.width !== undefined) add(c.x - c.width / 2, c.y - text.caption_size, c.x + c.width / 2, c.y + text.caption_size);
    });
    return box;
  }

  // Fit what is shown to the window once its labels have been measured (they
  // are measured while drawing), and again if the new scale changed them.
  function fit(done) {
    var tries = 3;
    function step() {
      var box = drawnBox();
      if (!box) { done(); return; }
      var w = container.clientWidth - 2 * MARGIN, h = container.clientHeight - 2 * MARGIN;
      var scale = Math.min(MAX_SCALE, w / Math.max(box.right - box.left, 1), h / Math.max(box.bottom - box.top, 1));
      var centre = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
      var now = network.getViewPosition();
      if ((Math.abs(scale - network.getScale()) < 1e-3 * scale && Math.abs(centre.x - now.x) < 1 && Math.abs(centre.y - now.y) < 1) || tries-- === 0) {
        done();
        return;
      }
      network.moveTo({ position: centre, scale: scale, animation: false });
      network.once("afterDrawing", step);
      network.redraw();
    }
    network.once("afterDrawing", step);
    network.redraw();
  }

  fit(function () {
    kgraph.ready = true;
    kgraph.readyAt = performance.now();
    performance.mark("kgraph-ready");
  });

  function nodeHeading(id) { return style.kinds[data.nodes[id].group].label + ": " + about.nodes[id].name; }

  network.on("hoverNode", function (p) { fillTip(nodeHeading(p.node), about.nodes[p.node].facts); });
  network.on("hoverEdge", function (p) { fillTip(style.edges[data.edges[p.edge].kind].label, about.edges[p.edge].facts); });

  // Filters and parts.
  var more = document.getElementById("more");
  function showCounts() {
    var inParts = data.nodes.filter(function (n) { return (n.part || 0) < state.parts; }).length;
    var line = "Showing " + nodeView.length + " of " + nodes.length + " nodes and " + edgeView.length + " of " + edges.length + " edges.";
    if (parts > 1) line += " Part " + state.parts + " of " + parts + " drawn (" + inParts + " nodes).";
    document.getElementById("visible").textContent = line;
    more.hidden = state.parts >= parts;
  }
  function apply() {
    nodeView.refresh();
    edgeView.refresh();
    afterChange();
  }
  function afterChange() {
    if (focused !== null) focusClaim(focused);
    showCounts();
  }
  // Showing parts can add thousands of nodes: vis-network takes them far
  // faster as new data than as additions to what it draws.
  function reload() {
    network.setData({ nodes: [], edges: [] });
    nodeView.refresh();
    edgeView.refresh();
    if (busy !== nodeView.length > BUSY) {
      busy = !busy;
      edges.update(data.edges.filter(function (e) { return e.indirect || style.edges[e.kind].dashes; }).map(look));
      network.setOptions({ edges: { arrows: arrows() }, interaction: { hideEdgesOnDrag: busy, hideEdgesOnZoom: busy } });
    }
    network.setData({ nodes: nodeView, edges: edgeView });
    afterChange();
  }

  function bindChecks(name, set) {
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      box.addEventListener("change", function () {
        if (box.checked) set.add(box.value); else set.delete(box.value);
        apply();
      });
    });
  }
  bindChecks("stance", state.stances);
  bindChecks("kind", state.kinds);
  bindChecks("edge", state.edgeKinds);
  document.getElementById("time").addEventListener("change", function (ev) {
    state.time = ev.target.value;
    apply();
  });
  function showParts(count) {
    state.parts = Math.min(parts, count);
    reload();
    fit(function () {});
  }
  kgraph.showParts = showParts;
  more.addEventListener("click", function () { showParts(state.parts + 1); });
  document.getElementById("reset").addEventListener("click", function () {
    document.querySelectorAll("#controls input[type=checkbox]").forEach(function (box) { box.checked = true; });
    [[state.stances, style.stances], [state.kinds, style.kinds], [state.edgeKinds, style.edges]].forEach(function (pair) {
      Object.keys(pair[1]).forEach(function (k) { pair[0].add(k); });
    });
    document.getElementById("time").value = "all";
    state.time = "all";
    unfocus();
    showParts(parts);
  });
  showCounts();

  // Selecting a claim dims everything shown that is not its evidence;
  // selecting any node lists all it is connected to, and why, in the
  // details panel (shown or not: a click on a name there shows that node).
  var focused = null;

  function dim(keepNodes, keepEdges) {
    nodes.update(nodeView.getIds().map(function (id) { return { id: id, opacity: keepNodes === null || keepNodes.has(id) ? 1 : 0.2 }; }));
    edges.update(edgeView.getIds().map(function (id) {
      var e = data.edges[id];
      var kept = keepEdges === null || keepEdges.has(id);
      var width = style.edges[e.kind].width;
      return { id: id, color: edgeColour(e, kept ? 1 : 0.12), width: kept && keepEdges !== null ? width * 2 : width };
    }));
  }

  function unfocus() {
    if (focused === null) return;
    focused = null;
    dim(null, null);
  }

  function focusClaim(id) {
    focused = id;
    var near = new Set([id]);
    links[id].forEach(function (eid) { near.add(data.edges[eid].from); near.add(data.edges[eid].to); });
    dim(near, new Set(links[id]));
  }

  function showDetails(id) {
    var panel = document.getElementById("details");
    panel.replaceChildren();
    panel.appendChild(el("p", "hint", style.kinds[data.nodes[id].group].label));
    panel.appendChild(el("h2", "details-head", about.nodes[id].name));
    factLines(panel, about.nodes[id].facts, "fact");
    var lists = {};
    links[id].forEach(function (eid) {
      var e = data.edges[eid];
      var group = e.kind === "evidence" ? style.stances[e.stance].label : e.kind === "derived" ? style.edges.derived.label + ": " + style.stances[e.stance].label : style.edges[e.kind].label;
      (lists[group] = lists[group] || []).push(e);
    });
    Object.keys(lists).sort().forEach(function (group) {
      panel.appendChild(el("h3", null, group + " (" + lists[group].length + ")"));
      var list = document.createElement("ul");
      lists[group].forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var li = document.createElement("li");
        var go = el("button", null, about.nodes[other].name);
        go.type = "button";
        go.addEventListener("click", function () { select(other); });
        li.appendChild(go);
        var names = ["claim", "study", "source"];
        factLines(li, about.edges[e.id].facts.filter(function (f) { return names.indexOf(f[0]) < 0; }), "fact");
        list.appendChild(li);
      });
      panel.appendChild(list);
    });
  }

  function choose(id) {
    if (data.nodes[id].group === "claim") focusClaim(id); else unfocus();
    showDetails(id);
  }

  function select(id) {
    if (!revealed(id)) {
      state.revealed.add(id);
      apply();
    }
    if (!state.kinds.has(data.nodes[id].group)) return;
    network.selectNodes([id]);
    choose(id);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: nodeView.length <= BUSY });
  }
  kgraph.select = select;
  kgraph.idOf = function (iri) {
    for (var i = 0; i < about.nodes.length; i++) if (about.nodes[i].iri === iri) return i;
    return null;
  };

  network.on("selectNode", function (p) { choose(p.nodes[0]); });
  network.on("deselectNode", function () { unfocus(); });

  // Search: matches the full label of every node, drawn or not; Enter steps
  // through the matches and shows each.
  var matches = [];
  var cursor = -1;
  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    matches = [];
    if (q) about.nodes.forEach(function (n, id) { if (state.kinds.has(data.nodes[id].group) && n.name.toLowerCase().indexOf(q) >= 0) matches.push(id); });
    cursor = -1;
    document.getElementById("search-result").textContent = q ? matches.length + " match" + (matches.length === 1 ? "" : "es") : "";
    var drawn = matches.filter(revealed);
    if (drawn.length) network.selectNodes(drawn); else network.unselectAll();
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || !matches.length) return;
    cursor = (cursor + 1) % matches.length;
    select(matches[cursor]);
  });
})();
