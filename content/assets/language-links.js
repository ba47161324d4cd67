/* No request to a missing address: Material's language selector (setupAlternate) fetches a
   "sitemap.xml" next to every <link rel="alternate"> in the head once the page is parsed: seven
   404s per page here (six hreflang links and the Atom feed). Its use of them, sending a reader to
   the same page of a site per language, does not fit this site: the i18n plugin already points
   every language link at the same page in that language. So the links are taken out of Material's
   sight while it looks for them (a capture listener on window runs before its own on document),
   and put back at once. See content/assets/README.md. */
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
