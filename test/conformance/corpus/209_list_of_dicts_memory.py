# Nested data: a list of dicts of lists, with lengths, sizes of the outer list, and sharing.
import sys

rows = []
shared_tags = ["memory", "gc"]
for i in range(4):
    rows.append({"id": i, "tags": shared_tags, "values": list(range(i))})
print(len(rows), [len(r["values"]) for r in rows])
print(sys.getrefcount(shared_tags))
print(sys.getsizeof(rows))
rows[0]["tags"] = []
print(sys.getrefcount(shared_tags), rows[1]["tags"] is rows[2]["tags"])
