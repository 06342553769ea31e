# Source: https://github.com/bat67/The-Python-Standard-Library-by-Example/blob/db7e7651475d6e0425617a859d2f617237a2a709/gc/gc_get_objects.py
#
# Copyright (c) 2010 Doug Hellmann.  All rights reserved.
#
"""Examine the objects being managed.
"""
import gc

print(len(gc.get_objects()))
