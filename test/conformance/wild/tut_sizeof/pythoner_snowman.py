# Source: https://pythoner.space/questions/the-snowman-made-of-two-bytes-actually-ends-up-taking-up-76-bytes-when-measured-using-sysget
# Adapted: IPython cells became print().
import sys
snowman = "\u2603"
print(snowman)
print(sys.getsizeof(snowman))
