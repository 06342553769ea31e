# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_tracemalloc.py#L224
# Adapted: TestTracemallocEnabled.test_get_traced_memory and test_reset_peak (L269) as functions, each between setUp's tracemalloc.start(1) and tearDown's stop(); get_frames and allocate_bytes copied from the test module; asserts become prints of the compared values' truth.
import sys
import tracemalloc

EMPTY_STRING_SIZE = sys.getsizeof(b'')

def get_frames(nframe, lineno_delta):
    frames = []
    frame = sys._getframe(1)
    for index in range(nframe):
        code = frame.f_code
        lineno = frame.f_lineno + lineno_delta
        frames.append((code.co_filename, lineno))
        lineno_delta = 0
        frame = frame.f_back
        if frame is None:
            break
    return tuple(frames)

def allocate_bytes(size):
    nframe = tracemalloc.get_traceback_limit()
    bytes_len = (size - EMPTY_STRING_SIZE)
    frames = get_frames(nframe, 1)
    data = b'x' * bytes_len
    return data, tracemalloc.Traceback(frames, min(len(frames), nframe))

def test_get_traced_memory():
    max_error = 2048

    # allocate one object
    obj_size = 1024 * 1024
    tracemalloc.clear_traces()
    obj, obj_traceback = allocate_bytes(obj_size)
    size, peak_size = tracemalloc.get_traced_memory()
    print(size >= obj_size, peak_size >= size)

    print(size - obj_size <= max_error, peak_size - size <= max_error)

    # destroy the object
    obj = None
    size2, peak_size2 = tracemalloc.get_traced_memory()
    print(size2 < size, size - size2 >= obj_size - max_error, peak_size2 >= peak_size)

    # clear_traces() must reset traced memory counters
    tracemalloc.clear_traces()
    print(tracemalloc.get_traced_memory())

    # allocate another object
    obj, obj_traceback = allocate_bytes(obj_size)
    size, peak_size = tracemalloc.get_traced_memory()
    print(size >= obj_size)

    # stop() also resets traced memory counters
    tracemalloc.stop()
    print(tracemalloc.get_traced_memory())

def test_reset_peak():
    tracemalloc.clear_traces()

    # Example: allocate a large piece of memory, temporarily
    large_sum = sum(list(range(100000)))
    size1, peak1 = tracemalloc.get_traced_memory()

    # reset_peak() resets peak to traced memory: peak2 < peak1
    tracemalloc.reset_peak()
    size2, peak2 = tracemalloc.get_traced_memory()
    print(peak2 >= size2, peak2 < peak1)

    # check that peak continue to be updated if new memory is allocated:
    # peak3 > peak2
    obj_size = 1024 * 1024
    obj, obj_traceback = allocate_bytes(obj_size)
    size3, peak3 = tracemalloc.get_traced_memory()
    print(peak3 >= size3, peak3 > peak2, peak3 - peak2 >= obj_size)

for test in (test_get_traced_memory, test_reset_peak):
    tracemalloc.start(1)
    test()
    tracemalloc.stop()
