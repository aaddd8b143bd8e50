# The same pattern in Python: a queue.Queue between the caller and worker threads.
import queue
import threading
import time

jobs = queue.Queue()
replies = queue.Queue()


def worker():
    while True:
        # @pop
        request = jobs.get()  # sleeps until a request is on the queue
        if request is None:
            break
        # @serve
        time.sleep(0.4)  # the work itself
        # @push-reply
        replies.put(request)


threads = [threading.Thread(target=worker) for _ in range(3)]
for thread in threads:
    thread.start()

for request in range(1, 13):
    # @push
    jobs.put(request)  # drop it on the queue and move on
# @carry-on
for _ in range(12):
    # @take-reply
    print(replies.get())
for thread in threads:
    jobs.put(None)
