// The same pattern in JavaScript: one thread, one event loop, every wait in flight at once.
const { setTimeout: sleep } = require("node:timers/promises");

async function call(request, step, depth) {
  // @call
  await sleep(400); // stands for the service: a timer on the loop, no thread
  // @callback
  console.log(request, "done"); // runs on the loop when the wait is over
  if (step < depth) {
    // @next-call
    await call(request + 100, step + 1, depth); // the next call of the chain
  }
}

async function main(requests, depth) {
  const calls = [];
  for (let request = 1; request <= requests; request++) {
    calls.push(call(request, 1, depth));
  }
  // @carry-on
  await Promise.all(calls);
}

main(5, 1);
