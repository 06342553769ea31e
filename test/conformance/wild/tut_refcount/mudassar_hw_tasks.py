# Source: https://github.com/mudassarullah1990/Python-HW
# Adapted: notebook Tasks 1-2 (another student's solution of the same homework).
import sys

def task1():
    s = "hello"
    count_after_creation = sys.getrefcount(s)  # count including temporary reference

    # Add another reference
    ref = s
    count_after_ref = sys.getrefcount(s)

    # Remove the extra reference
    del ref
    count_after_del = sys.getrefcount(s)

    return (count_after_creation, count_after_ref, count_after_del)


# Check
print("Task 1:", task1())

def task2():

    def process_list(lst):
        # lst receives an extra reference because it's a function argument
        return sys.getrefcount(lst)

    my_list = [1, 2, 3]

    count_before_call = sys.getrefcount(my_list)

    # During call: lst inside the function becomes an additional reference
    count_during_call = process_list(my_list)

    # After the function returns, that temporary reference is gone
    count_after_call = sys.getrefcount(my_list)

    return (count_before_call, count_during_call, count_after_call)


# Check
print("Task 2:", task2())
