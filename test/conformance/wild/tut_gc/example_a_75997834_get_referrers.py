# Source: https://example-a.com/answer/75997834
# Adapted: the question's session as a script; instead of printing the globals dict (which shows the oracle's loader), prints what it is.
import sys
import gc
my_obj = []
ref_1 = my_obj
ref_2 = my_obj
print(sys.getrefcount(my_obj)) # Returns 4, as expected
referrers = gc.get_referrers(my_obj)
print(len(referrers), referrers[0] is globals())
print([k for k in referrers[0] if not k.startswith('__')])
