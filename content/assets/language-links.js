/* No sitemap.xml requests from Material's language selector (content/assets/README.md). */
(() => {
  "use strict";
  window.addEventListener("DOMContentLoaded", () => {
    const links = [...document.querySelectorAll("link[rel=alternate]")];
    links.forEach((link) => link.removeAttribute("rel"));
    setTimeout(() => links.forEach((link) => link.setAttribute("rel", "alternate")));
  }, { capture: true, once: true });
})();
