"""Pretty-print pack JSON: nested values that fit on one line stay on one line (readable diffs)."""
import json, sys

WIDTH = 120

def fmt(v, depth=0, col=0):
    compact = json.dumps(v, ensure_ascii=False, separators=(", ", ": "))
    if col + len(compact) <= WIDTH or not isinstance(v, (dict, list)) or not v:
        return compact
    pad = "  " * (depth + 1)
    if isinstance(v, dict):
        items = []
        for k, x in v.items():
            head = f"{pad}{json.dumps(k)}: "
            items.append(head + fmt(x, depth + 1, len(head)))
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    return "[\n" + ",\n".join(pad + fmt(x, depth + 1, len(pad)) for x in v) + "\n" + "  " * depth + "]"

for p in sys.argv[1:]:
    with open(p) as f:
        d = json.load(f)
    with open(p, "w") as f:
        f.write(fmt(d) + "\n")
