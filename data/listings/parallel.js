// The same pattern in JavaScript (Node.js): CPU work on worker threads, one item each.
const { Worker, isMainThread, parentPort, workerData } = require("node:worker_threads");

function crunch(item) {
  let x = BigInt(item);
  for (let i = 0; i < 1_000_000; i++) {
    x = (x * 2862933555777941757n + 3037000493n) % 2n ** 64n;
  }
  return x.toString();
}

if (isMainThread) {
  const items = [0, 1, 2, 3, 4, 5, 6, 7];
  const done = items.map((item) => new Promise((resolve) => {
    new Worker(__filename, { workerData: item }).on("message", resolve);
  }));
  Promise.all(done).then((results) => console.log(results));
} else {
  // @compute
  parentPort.postMessage(crunch(workerData)); // each thread on a core of its own
}
