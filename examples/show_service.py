"""Everything the documents say about one service, from Python.

Run: python examples/show_service.py evolve
"""

import sys

from cskg import open_graph

kg = open_graph()  # builds the embedded corpus's graph on first use
data = kg.show(sys.argv[1] if len(sys.argv) > 1 else "evolve")
entity = data["entity"]
print(f"{entity['label']} ({entity['kind']})")
for f in data["findings"]:
    print(f"  {f['year']} ¶{f['paragraph']} [{f['polarity']}] {f['text'][:70]}")
weak = [f for f in data["findings"] if f["polarity"] == "weakness"]
print(f"{len(data['findings'])} findings, {len(weak)} weaknesses, sources: {[d['file'] for d in data['documents']]}")
