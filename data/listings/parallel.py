# The same pattern in Python: CPU work on several processes (threads share one interpreter lock).
from concurrent.futures import ProcessPoolExecutor


def crunch(item):
    x = item
    for _ in range(5_000_000):
        x = (x * 2862933555777941757 + 3037000493) % 2**64
    return x


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=4) as pool:
        # @compute
        results = list(pool.map(crunch, range(8)))  # one item per core at a time
    print(results)
