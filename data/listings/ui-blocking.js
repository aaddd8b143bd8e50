// The same mistake in a browser: a synchronous request made from a click handler.
function call(request) {
  const xhr = new XMLHttpRequest();
  xhr.open("GET", `/work/${request}`, false); // false: synchronous
  // @wait
  xhr.send(); // the page cannot repaint or react until this returns
  // @result
  return xhr.responseText;
}

document.querySelector("button").addEventListener("click", () => {
  for (let request = 1; request <= 5; request++) {
    // @call
    document.querySelector("output").textContent = call(request);
  }
});
