# The same pattern in Python: each call blocks this thread until its reply is in.
import urllib.request


def call(request):
    with urllib.request.urlopen(f"http://service.example/work/{request}") as reply:
        return reply.read()


def main(requests):
    for request in range(1, requests + 1):
        # @call @wait
        result = call(request)  # does not return before the reply
        # @result
        print(request, len(result))


main(5)
