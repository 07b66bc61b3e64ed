// The graph explorer: start from the claims the page names, and bring in a node's neighbours when it is clicked.
// Every text reaches the page through textContent; the neighbourhoods come from /graph/neighbours as JSON.
"use strict";
(function () {
  const start = JSON.parse(document.getElementById("kgraph-start").textContent);
  const look = start.style;
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const expanded = new Set();
  const about = new Map();
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes, edges }, {
    physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 160, avoidOverlap: 0.3 } },
    interaction: { hover: true },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, smooth: false },
  });

  function tip(lines) {
    const box = document.createElement("div");
    for (const line of lines) {
      const row = document.createElement("div");
      row.textContent = line;
      box.appendChild(row);
    }
    return box;
  }

  function short(text) {
    return text.length > look.label_length ? text.slice(0, look.label_length - 1) + "…" : text;
  }

  function addNode(n) {
    about.set(n.id, n);
    if (nodes.get(n.id)) return;
    const kind = look.kinds[n.kind];
    nodes.add({
      id: n.id,
      label: short(n.label),
      shape: kind.shape,
      color: { background: kind.color, border: n.contested ? look.contested.border : kind.border },
      borderWidth: n.contested ? look.contested.borderWidth : 1,
      title: tip([n.label, ...n.facts.map((f) => f[0] + ": " + f[1])]),
    });
  }

  function addEdge(e) {
    if (edges.get(e.id)) return;
    const kind = look.edges[e.kind] || {};
    const colour = e.stance ? look.stances[e.stance].color : kind.color;
    edges.add({
      id: e.id,
      from: e.from,
      to: e.to,
      color: { color: colour },
      width: kind.width || 1,
      dashes: e.indirect ? look.indirect.dashes : kind.dashes || false,
      title: tip(e.facts.map((f) => f[0] + ": " + f[1])),
    });
  }

  function showCount() {
    document.getElementById("shown").textContent = nodes.length + " nodes, " + edges.length + " edges shown";
  }

  async function expand(id) {
    if (expanded.has(id)) return;
    const answer = await fetch("/graph/neighbours?node=" + encodeURIComponent(id), { headers: { Accept: "application/json" } });
    if (!answer.ok) return;
    const data = await answer.json();
    data.nodes.forEach(addNode);
    data.edges.forEach(addEdge);
    expanded.add(id);
    showCount();
  }

  function details(id) {
    const n = about.get(id);
    const panel = document.getElementById("details");
    panel.replaceChildren();
    if (!n) return;
    const title = document.createElement("h2");
    title.textContent = n.label;
    const kind = document.createElement("p");
    kind.className = "kind";
    kind.textContent = n.kind + (n.contested ? " · contested" : "");
    const facts = document.createElement("dl");
    for (const [name, value] of n.facts) {
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.textContent = value;
      facts.append(dt, dd);
    }
    panel.append(title, kind, facts);
    if (n.href) {
      const link = document.createElement("a");
      link.href = n.href;
      link.textContent = "its page";
      panel.append(link);
    }
  }

  network.on("click", async (params) => {
    if (params.nodes.length === 0) return;
    const id = params.nodes[0];
    details(id);
    await expand(id);
  });

  window.kgraph = { nodes, edges, network, expand, details, expanded, ready: false };
  Promise.all(start.starts.map(expand)).then(() => {
    window.kgraph.ready = true;
  });
})();
