// The same pattern in JavaScript (Node.js): a synchronous call stops everything until it returns.
const { execFileSync } = require("node:child_process");

function call(request) {
  return execFileSync("curl", ["-s", `http://service.example/work/${request}`]);
}

function main(requests) {
  for (let request = 1; request <= requests; request++) {
    // @call @wait
    const result = call(request); // nothing else runs until the reply is in
    // @result
    console.log(request, result.length);
  }
}

main(5);
