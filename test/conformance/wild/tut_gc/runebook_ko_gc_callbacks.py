# Source: https://runebook.dev/ko/docs/python/library/gc/gc.callbacks
import gc

def gc_callback(phase, info):
    print(f"[GC] Phase: {phase}, Info: {info}")

# 콜백 함수 등록
gc.callbacks.append(gc_callback)

# 가비지 컬렉션 수동 실행 (콜백이 호출됩니다)
gc.collect()

# 콜백 함수 제거
gc.callbacks.remove(gc_callback)
