/* No sitemap.xml requests from Material's language selector (content/assets/README.md). */
(() => {
  "use strict";
  window.addEventListener("DOMContentLoaded", () => {
    const links = [...document.querySelectorAll("link[rel=alternate]")];
    links.forEach((link) => link.removeAttribute("rel"));
    setTimeout(() => links.forEach((link) => link.setAttribute("rel", "alternate")));
  }, { capture: true, once: true });
})();

/* The language menu keeps the reader's #section, and its links are followed as they are: Material's
   own click handler (on the body) looks the page up in sitemaps and drops the #section. */
(() => {
  "use strict";
  const update = () => {
    for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
      const url = new URL(link.href, location.href);
      url.hash = location.hash;
      link.href = url.href;
    }
  };
  update();
  window.addEventListener("hashchange", update);
  for (const type of ["pointerdown", "focusin"]) {
    document.addEventListener(type, (event) => {
      if (event.target instanceof Element && event.target.closest(".md-select")) update();
    }, true);
  }
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
    if (link && !event.defaultPrevented) {
      update();
      event.stopPropagation();
    }
  }, true);
})();
