"""kgraph: an evidence knowledge graph of sources, claims and the studies behind them."""

__version__ = "0.1.0"
