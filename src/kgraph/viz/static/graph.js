// kgraph's evidence graph: draws the JSON in #kgraph-data with vis-network.
// Every text from the data reaches the page through textContent (never
// innerHTML), so a label such as <img src=x onerror=...> shows as text.
(function () {
  "use strict";
  performance.mark("kgraph-start");

  var data = JSON.parse(document.getElementById("kgraph-data").textContent);
  var style = data.style;
  var about = data.about;
  var large = !data.physics;

  // One tooltip element shared by every node and edge, filled on hover:
  // building one per item would cost time and memory on large graphs.
  var tip = document.createElement("div");

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = value;
    return el;
  }

  function factLines(parent, facts, className) {
    facts.forEach(function (fact) {
      var line = document.createElement("div");
      line.className = className;
      line.appendChild(text("span", "fact-name", fact[0] + ": "));
      line.appendChild(document.createTextNode(fact[1]));
      parent.appendChild(line);
    });
  }

  function fillTip(heading, facts) {
    tip.replaceChildren();
    tip.appendChild(text("div", "tip-head", heading));
    factLines(tip, facts, "tip-line");
  }

  function edgeColour(e, opacity) {
    var c = e.stance ? style.stances[e.stance].color : style.edges[e.kind].color;
    return { color: c, highlight: c, hover: c, opacity: opacity };
  }

  data.nodes.forEach(function (n, i) {
    n.id = i;
    n.group = n.kind;
    n.title = tip;
    if (n.contested) {
      n.borderWidth = style.contested.borderWidth;
      n.color = { border: style.contested.border, background: style.kinds[n.kind].color };
    }
  });
  data.edges.forEach(function (e, i) {
    var look = style.edges[e.kind];
    e.id = i;
    e.title = tip;
    e.width = look.width;
    e.color = edgeColour(e, 1);
    if (e.indirect) e.dashes = style.indirect.dashes;
    else if (look.dashes) e.dashes = look.dashes;
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
    time: "all"
  };

  function edgeShown(e) {
    if (!state.edgeKinds.has(e.kind)) return false;
    if (!state.kinds.has(data.nodes[e.from].kind) || !state.kinds.has(data.nodes[e.to].kind)) return false;
    if (e.stance) {
      if (!state.stances.has(e.stance)) return false;
      if (state.time !== "all" && e.time !== state.time) return false;
    }
    return true;
  }

  var nodeView = new vis.DataView(nodes, { filter: function (n) { return state.kinds.has(n.kind); } });
  var edgeView = new vis.DataView(edges, { filter: edgeShown });

  var options = {
    autoResize: true,
    groups: groups,
    nodes: { borderWidth: 1, borderWidthSelected: 3, font: { size: 12, face: "system-ui, sans-serif", color: "#222222" } },
    edges: {
      // Every edge runs from a source or study to a claim, or from a citing
      // source to the work it cites, so arrows only repeat the node shapes;
      // large graphs draw faster without them.
      arrows: { to: { enabled: !large, scaleFactor: 0.5 } },
      smooth: large ? false : { type: "continuous" },
      selectionWidth: 2,
      hoverWidth: 1
    },
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: data.physics
      ? { enabled: true, solver: "forceAtlas2Based", stabilization: { enabled: true, iterations: 200, fit: true } }
      : { enabled: false },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large }
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
    ready: false,
    readyAt: null
  };
  window.kgraph = kgraph;

  function markReady() {
    network.once("afterDrawing", function () {
      kgraph.ready = true;
      kgraph.readyAt = performance.now();
      performance.mark("kgraph-ready");
    });
    network.redraw();
  }
  if (data.physics && data.nodes.length > 0) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      markReady();
    });
  } else {
    markReady();
  }

  function nodeHeading(id) { return style.kinds[data.nodes[id].kind].label + ": " + about.nodes[id].name; }

  network.on("hoverNode", function (p) { fillTip(nodeHeading(p.node), about.nodes[p.node].facts); });
  network.on("hoverEdge", function (p) { fillTip(style.edges[data.edges[p.edge].kind].label, about.edges[p.edge].facts); });

  // Filters.
  function showCounts() {
    document.getElementById("visible").textContent =
      "Showing " + nodeView.length + " of " + nodes.length + " nodes and " + edgeView.length + " of " + edges.length + " edges.";
  }
  function apply() {
    nodeView.refresh();
    edgeView.refresh();
    showCounts();
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
  document.getElementById("reset").addEventListener("click", function () {
    document.querySelectorAll("#controls input[type=checkbox]").forEach(function (box) { box.checked = true; });
    [[state.stances, style.stances], [state.kinds, style.kinds], [state.edgeKinds, style.edges]].forEach(function (pair) {
      Object.keys(pair[1]).forEach(function (k) { pair[0].add(k); });
    });
    document.getElementById("time").value = "all";
    state.time = "all";
    unfocus();
    apply();
    network.fit();
  });
  showCounts();

  // Selecting a claim dims everything that is not its evidence; selecting
  // any node lists what it is connected to, and why, in the details panel.
  var focused = false;

  function dim(keepNodes, keepEdges) {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: keepNodes === null || keepNodes.has(n.id) ? 1 : 0.2 }; }));
    edges.update(data.edges.map(function (e) {
      var kept = keepEdges === null || keepEdges.has(e.id);
      var width = style.edges[e.kind].width;
      return { id: e.id, color: edgeColour(e, kept ? 1 : 0.12), width: kept && keepEdges !== null ? width * 2 : width };
    }));
  }

  function unfocus() {
    if (!focused) return;
    dim(null, null);
    focused = false;
  }

  function focusClaim(id) {
    dim(new Set([id].concat(network.getConnectedNodes(id))), new Set(network.getConnectedEdges(id)));
    focused = true;
  }

  function showDetails(id) {
    var panel = document.getElementById("details");
    panel.replaceChildren();
    panel.appendChild(text("p", "hint", style.kinds[data.nodes[id].kind].label));
    panel.appendChild(text("h2", "details-head", about.nodes[id].name));
    factLines(panel, about.nodes[id].facts, "fact");
    var groups = {};
    network.getConnectedEdges(id).forEach(function (eid) {
      var e = data.edges[eid];
      var group = e.kind === "evidence" ? style.stances[e.stance].label : e.kind === "derived" ? style.edges.derived.label + ": " + style.stances[e.stance].label : style.edges[e.kind].label;
      (groups[group] = groups[group] || []).push(e);
    });
    Object.keys(groups).sort().forEach(function (group) {
      panel.appendChild(text("h3", null, group + " (" + groups[group].length + ")"));
      var list = document.createElement("ul");
      groups[group].forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var li = document.createElement("li");
        var go = text("button", null, about.nodes[other].name);
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
    unfocus();
    if (data.nodes[id].kind === "claim") focusClaim(id);
    showDetails(id);
  }

  function select(id) {
    network.selectNodes([id]);
    choose(id);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: !large });
  }
  kgraph.select = select;
  kgraph.idOf = function (iri) {
    for (var i = 0; i < about.nodes.length; i++) if (about.nodes[i].iri === iri) return i;
    return null;
  };

  network.on("selectNode", function (p) { choose(p.nodes[0]); });
  network.on("deselectNode", function () { unfocus(); });

  // Search: matches the full label; Enter steps through the matches.
  var matches = [];
  var cursor = -1;
  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    matches = q ? nodeView.getIds({ filter: function (n) { return about.nodes[n.id].name.toLowerCase().indexOf(q) >= 0; } }) : [];
    cursor = -1;
    document.getElementById("search-result").textContent = q ? matches.length + " match" + (matches.length === 1 ? "" : "es") : "";
    if (matches.length) network.selectNodes(matches); else network.unselectAll();
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || !matches.length) return;
    cursor = (cursor + 1) % matches.length;
    select(matches[cursor]);
  });
})();
