# Source: https://github.com/jahid032/Production-ready-ML-Project
# Adapted: two notebook cells (reference counting, garbage collection).
import sys

# Create an object
magic_hat = "Abracadabra"

# Count references to it
print("Ref count:", sys.getrefcount(magic_hat))  # Usually >1 due to temp references

import gc

class Spell:
    def __del__(self):
        print("Spell vanished by the Ghost Collector!")

def cast_spell():
    s = Spell()

cast_spell()  # After function ends, `s` is gone, collector will delete it
