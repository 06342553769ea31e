# Source: http://transit.iut2.upmf-grenoble.fr/cgi-bin/dwww?type=file&location=/usr/share/doc/python3.11/html/_sources/library/tracemalloc.rst.txt
# Adapted: the "Display the top 10" example of the 3.11 tracemalloc docs; "# ... run your application ..." is a small allocation.
import tracemalloc

tracemalloc.start()

# ... run your application ...
data = [str(i) * 10 for i in range(1000)]

snapshot = tracemalloc.take_snapshot()
top_stats = snapshot.statistics('lineno')

print("[ Top 10 ]")
for stat in top_stats[:10]:
    print(stat)
