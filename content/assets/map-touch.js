/* Maps on touch screens: a first tap on a marker shows its name, a second opens its page
   (content/assets/README.md). Without this script a tap opens the page at once. */
(() => {
  "use strict";
  let touch = false;
  let named = null; // the marker whose name showed when the finger came down
  document.addEventListener("pointerdown", (event) => {
    touch = event.pointerType === "touch" || event.pointerType === "pen";
    const marker = event.target instanceof Element && event.target.closest(".lcp-map__markers a");
    named = marker && marker === document.activeElement ? marker : null;
  }, true);
  document.addEventListener("click", (event) => {
    const marker = event.target instanceof Element && event.target.closest(".lcp-map__markers a");
    if (!touch || !marker || marker === named) return;
    event.preventDefault();
    marker.focus({ preventScroll: true }); // the name shows on focus, as with the Tab key (portal.css)
  }, true);
})();
