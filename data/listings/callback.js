// The same pattern in JavaScript: send every request, carry on, and be called back with each reply.
const https = require("node:https");

function startCall(request, step, depth) {
  // @call
  https.get(`https://service.example/work/${request}`, (reply) => onReply(reply, request, step, depth));
}

function onReply(reply, request, step, depth) {
  // @callback
  console.log(request, reply.statusCode); // runs when the reply is in
  if (step < depth) {
    // @next-call
    startCall(request + 100, step + 1, depth); // the next call of the chain, from inside
  }
}

function doOtherWork() {}

for (let request = 1; request <= 5; request++) {
  startCall(request, 1, 1);
}
// @carry-on
doOtherWork(); // the caller goes on at once
