# f-strings with conversions and format specs.
name = "heap"
n = 1234567
ratio = 2 / 3
print(f"{name!r} has {n:,} bytes")
print(f"[{name:>8}] [{name:<8}] [{name:^8}]")
print(f"{ratio:.2f} {ratio:.4f} {ratio * 100:.1f}%")
print(f"{n:>12,} {42:05d} {255:x} {7:b}")
items = [1, 2]
print(f"{items!r} {len(items)} {'yes' if items else 'no'}")
print(f"{3.0} {1e20} {1/3} {-0.0} {10**20} {2.5e-7}")
