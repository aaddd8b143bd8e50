// The same pattern in JavaScript (Node.js): a message channel between the caller and worker threads.
const { Worker, isMainThread, parentPort } = require("node:worker_threads");

if (isMainThread) {
  const workers = [1, 2, 3].map(() => new Worker(__filename));
  let received = 0;
  for (const worker of workers) {
    worker.on("message", (request) => {
      // @take-reply
      console.log("reply", request);
      if (++received === 12) workers.forEach((w) => w.terminate());
    });
  }
  for (let request = 1; request <= 12; request++) {
    // @push
    workers[request % workers.length].postMessage(request); // drop it off and move on
  }
  // @carry-on
  console.log("the caller carries on");
} else {
  // @pop
  parentPort.on("message", (request) => {
    // @serve
    setTimeout(() => {
      // @push-reply
      parentPort.postMessage(request);
    }, 400);
  });
}
