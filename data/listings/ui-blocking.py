# The same mistake in Python with Tkinter: a blocking call inside a button's handler.
import tkinter as tk
import urllib.request


def call(request):
    # @wait
    with urllib.request.urlopen(f"http://service.example/work/{request}") as reply:
        # @result
        return reply.read()


def on_click():
    for request in range(1, 6):
        # @call
        label["text"] = call(request)  # the window is frozen until this returns


root = tk.Tk()
label = tk.Label(root)
tk.Button(root, text="Fetch", command=on_click).pack()
label.pack()
root.mainloop()
