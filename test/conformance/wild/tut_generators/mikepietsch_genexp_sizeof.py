# Source: https://mikepietsch.com/tech/python/37.03-generator-expressions-vs-list-comprehensions/
# Adapted: none (the article's program as published).
# List Comprehension: Eager evaluation, all memory allocated upfront
list_comp = [x**2 for x in range(1000000)] # Creates a list of 1M integers
print(f"List memory usage: {list_comp.__sizeof__()} bytes")
# Generator Expression: Lazy evaluation, minimal memory used initially
gen_exp = (x**2 for x in range(1000000)) # Creates a generator object
print(f"Generator memory usage: {gen_exp.__sizeof__()} bytes")
