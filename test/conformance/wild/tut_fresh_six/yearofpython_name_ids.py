# Source: https://yearofpython.com/day-8-identity-type-value-a-coming-of-age-story-about-objects
# Adapted: the printed id values are compared with the first ones (each print(id(...)) becomes a comparison).
name = "robb" # name gets a value "robb"
name2 = name # name2 gets the value of name which is "robb"
# even though they are two different variables, they share the same id or memory slot
robb = id(name)
print(id(name) == robb) # id: 4374158280
print(id(name2) == robb) # id: 4374158280
name2 = "adrian" # change name2 to "adrian"
# the id of name stays the same, while name2 gets a new id as expected
adrian = id(name2)
print(id(name) == robb) # id: 4374158280
print(id(name2) == robb) # id: 4375412952
name = name2 # change name to the value of name2, which is "adrian"
#they both have the same id again
print(id(name) == adrian) # id: 4375412952
print(id(name2) == adrian) # id: 4375412952
name = "robb" # changing name back to its original value
print(id(name) == robb) # id: 4374158280 <--It's the same ID again as it was in the first place (line 6) - crazy!
print(id(name2) == adrian) # id: 4375412952
