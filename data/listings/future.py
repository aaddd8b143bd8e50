# The same pattern in Python: futures now, other work, then each result when it is needed.
from concurrent.futures import ThreadPoolExecutor
import urllib.request


def fetch(request):
    with urllib.request.urlopen(f"http://service.example/work/{request}") as reply:
        return reply.read()


def on_resolved(future):
    # @resolved
    print("resolved:", future.done())  # the placeholder now holds a result


def do_other_work():
    pass


with ThreadPoolExecutor(max_workers=8) as pool:
    # @call
    futures = [pool.submit(fetch, r) for r in range(1, 6)]  # placeholders, at once
    for future in futures:
        future.add_done_callback(on_resolved)
    # @carry-on
    do_other_work()
    for request, future in enumerate(futures, 1):
        # @await
        result = future.result()  # waits only if it is not there yet
        # @result
        print(request, len(result))
