# The same pattern in Python: send every request, carry on, and be called back with each reply.
from concurrent.futures import ThreadPoolExecutor
import urllib.request

pool = ThreadPoolExecutor(max_workers=8)


def fetch(request):
    with urllib.request.urlopen(f"http://service.example/work/{request}") as reply:
        return reply.read()


def start_call(request, step, depth):
    # @call
    future = pool.submit(fetch, request)
    future.add_done_callback(lambda done: on_reply(done, request, step, depth))


def on_reply(done, request, step, depth):
    # @callback
    result = done.result()  # runs when the reply is in
    if step < depth:
        # @next-call
        start_call(request + 100, step + 1, depth)  # the next call of the chain, from inside
    print(request, len(result))


def do_other_work():
    pass


for request in range(1, 6):
    start_call(request, 1, 1)
# @carry-on
do_other_work()  # the caller goes on at once
