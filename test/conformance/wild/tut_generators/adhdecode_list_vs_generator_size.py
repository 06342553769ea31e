# Source: https://adhdecode-articles-3.pages.dev/articles/python/python-list-comprehension-vs-generator-performance/
# Adapted: the page's snippets use sys without showing the import; added.
import sys
squares_list = [x*x for x in range(1000000)]
print(f"List created. Memory usage: {sys.getsizeof(squares_list)} bytes")
squares_generator = (x*x for x in range(1000000))
print(f"Generator created. Memory usage: {sys.getsizeof(squares_generator)} bytes")
# To use the generator, you'd iterate:
# for square in squares_generator:
# process(square)
