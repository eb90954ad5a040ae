/* A "Print" button for the handout; without JavaScript the browser's own print works. */
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});
