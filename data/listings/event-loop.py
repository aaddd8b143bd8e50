# The same pattern in Python's asyncio: one thread, one event loop, every wait in flight at once.
import asyncio


async def call(request, step, depth):
    # @call
    await asyncio.sleep(0.4)  # stands for the service: a timer on the loop, no thread
    # @callback
    print(request, "done")  # runs on the loop when the wait is over
    if step < depth:
        # @next-call
        await call(request + 100, step + 1, depth)  # the next call of the chain


async def main(requests, depth):
    # @carry-on
    await asyncio.gather(*(call(r, 1, depth) for r in range(1, requests + 1)))


asyncio.run(main(5, 1))
