// The same pattern in JavaScript: promises now, other work, then each result when it is needed.
async function fetchWork(request) {
  const reply = await fetch(`https://service.example/work/${request}`);
  return reply.text();
}

function doOtherWork() {}

async function main(requests) {
  const promises = [];
  for (let request = 1; request <= requests; request++) {
    // @call
    const promise = fetchWork(request); // a placeholder, at once
    promise.then(() => {
      // @resolved
      console.log(`#${request} resolved`);
    });
    promises.push(promise);
  }
  // @carry-on
  doOtherWork();
  for (const [index, promise] of promises.entries()) {
    // @await
    const result = await promise; // waits only if it is not there yet
    // @result
    console.log(index + 1, result.length);
  }
}

main(5);
