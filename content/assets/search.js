/* Site search in the page's language: Material's search box, driven by Pagefind (one index per
   language, built by hooks/portal/search.py). Nothing is fetched until the reader uses the box.
   Results are drawn with Material's classes; every text is set as text, never parsed as HTML,
   except Pagefind's excerpt, read through an inert <template> keeping only its <mark>s. */
(() => {
  "use strict";
  const root = document.querySelector("[data-lcp-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  const input = root.querySelector(".md-search__input");
  const form = root.querySelector(".md-search__form");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const scroller = root.querySelector(".md-search__scrollwrap");
  const lang = document.documentElement.lang || "en";
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(`${config.base}/`, location.href); // the site's root, also under a path
  const text = root.dataset;
  const forms = JSON.parse(text.lcpResults);
  const plural = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(`${lang}-u-nu-latn`);
  const PAGE = 10; // results drawn at a time; more as the list is scrolled
  let engine = null; // the Pagefind module, once loaded
  let shown = [];
  let drawn = 0;
  let asked = 0; // the latest query's number: older answers are dropped

  const load = () => {
    engine = engine || import(new URL("pagefind/pagefind.js", base).href).then(async (pagefind) => {
      await pagefind.options({ baseUrl: base.pathname, excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    });
    engine.catch(() => { engine = null; });
    return engine;
  };
  // Pages are indexed with ASCII apostrophes (French elisions split at '): show typographic ones.
  const typographic = (s) => s.replace(/'/g, "\u2019");
  const el = (tag, className) => Object.assign(document.createElement(tag), className ? { className } : {});

  function excerpt(html) {
    const inert = document.createElement("template");
    inert.innerHTML = html;
    return [...inert.content.childNodes].map((node) => {
      if (node.nodeName !== "MARK") return document.createTextNode(typographic(node.textContent));
      const mark = el("mark");
      mark.textContent = typographic(node.textContent);
      return mark;
    });
  }

  function item(result) {
    const li = el("li", "md-search-result__item");
    const link = el("a", "md-search-result__link");
    link.href = result.url;
    const article = el("article", "md-search-result__article md-typeset");
    const title = el("h1");
    title.textContent = typographic(result.meta.title || result.url);
    const summary = el("p");
    summary.append(...excerpt(result.excerpt || ""));
    article.append(el("div", "md-search-result__icon md-icon"), title, summary);
    link.append(article);
    li.append(link);
    return li;
  }

  async function more() {
    const mine = asked;
    const next = shown.slice(drawn, drawn + PAGE);
    drawn += next.length;
    const data = await Promise.all(next.map((r) => r.data()));
    if (mine === asked) list.append(...data.map(item));
  }

  async function search() {
    const mine = ++asked;
    const query = input.value.trim().replace(/[\u2019\u02bc]/g, "'");
    if (!query) {
      shown = [];
      list.replaceChildren();
      meta.textContent = text.lcpPlaceholder;
      return;
    }
    let found;
    try {
      found = await (await load()).search(query);
    } catch (error) {
      if (mine === asked) meta.textContent = text.lcpUnavailable;
      return;
    }
    if (mine !== asked || !found) return;
    shown = found.results;
    drawn = 0;
    list.replaceChildren();
    const count = shown.length;
    meta.textContent = count
      ? (forms[plural.select(count)] || forms.other).replace("{count}", numbers.format(count))
      : text.lcpNone;
    scroller.scrollTop = 0;
    await more();
  }

  function open(state) {
    if (toggle.checked === state) return;
    toggle.checked = state;
    toggle.dispatchEvent(new Event("change")); // Material locks the page's scrolling on phones
  }

  meta.textContent = text.lcpPlaceholder;
  input.addEventListener("focus", () => { open(true); load().catch(() => {}); });
  input.addEventListener("input", search);
  toggle.addEventListener("change", () => (toggle.checked ? input.focus() : input.blur()));
  form.addEventListener("reset", () => setTimeout(search));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) location.assign(first.href);
  });
  scroller.addEventListener("scroll", () => {
    if (drawn < shown.length && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 40) more();
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (toggle.checked) {
      if (event.key === "Escape") {
        open(false);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const links = [...list.querySelectorAll("a")];
        if (!links.length) return;
        const at = links.indexOf(document.activeElement);
        const step = event.key === "ArrowDown" ? 1 : -1;
        const next = at === -1 ? (step > 0 ? 0 : links.length - 1) : at + step;
        event.preventDefault();
        if (next < 0) input.focus();
        else links[Math.min(next, links.length - 1)].focus();
      }
    } else if ((event.key === "/" || event.key === "s" || event.key === "f")
               && !(target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      event.preventDefault();
      open(true);
    }
  });
})();
