/* Site search in the page's language: Material's search box over Pagefind (content/assets/README.md). */
(() => {
  "use strict";
  const root = document.querySelector("[data-lcp-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  const $ = (s) => root.querySelector(s);
  const input = $(".md-search__input"), meta = $(".md-search-result__meta");
  const list = $(".md-search-result__list"), scroller = $(".md-search__scrollwrap");
  const text = root.dataset, forms = JSON.parse(text.lcpResults);
  const lang = document.documentElement.lang || "en";
  const plural = new Intl.PluralRules(lang), numbers = new Intl.NumberFormat(`${lang}-u-nu-latn`);
  const config = JSON.parse(document.getElementById("__config").textContent), words = config.translations;
  const base = new URL(`${config.base}/`, location.href);
  let engine = null, found = [], drawn = 0, asked = 0;

  const load = () => {
    engine = engine || import(new URL("pagefind/pagefind.js", base).href).then(async (pagefind) => {
      await pagefind.options({ baseUrl: base.pathname, excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    });
    engine.catch(() => { engine = null; });
    return engine;
  };
  const typographic = (s) => s.replace(/'/g, "\u2019"); // indexed with ASCII apostrophes
  const el = (tag, className, content) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (content !== undefined) e.textContent = typographic(content);
    return e;
  };
  const excerpt = (html) => { // Pagefind's excerpt, inert: only its <mark>s are kept
    const inert = document.createElement("template");
    inert.innerHTML = html;
    return [...inert.content.childNodes].map((n) => (n.nodeName === "MARK"
      ? el("mark", "", n.textContent) : document.createTextNode(typographic(n.textContent))));
  };
  const item = (result) => {
    const link = el("a", "md-search-result__link"), article = el("article", "md-search-result__article md-typeset");
    const summary = el("p");
    link.href = result.url;
    summary.append(...excerpt(result.excerpt || ""));
    article.append(el("div", "md-search-result__icon md-icon"), el("h1", "", result.meta.title || result.url), summary);
    link.append(article);
    const li = el("li", "md-search-result__item");
    li.append(link);
    return li;
  };
  const more = async () => {
    const mine = asked, next = found.slice(drawn, drawn += 10);
    const data = await Promise.all(next.map((r) => r.data()));
    if (mine === asked) list.append(...data.map(item));
  };
  const search = async () => {
    const mine = ++asked, query = input.value.trim().replace(/[\u2019\u02bc]/g, "'");
    let answer = null;
    if (query) {
      try { answer = await (await load()).search(query); } catch { if (mine === asked) meta.textContent = text.lcpUnavailable; return; }
      if (mine !== asked || !answer) return;
    }
    found = answer ? answer.results : [];
    drawn = 0;
    list.replaceChildren();
    const n = found.length;
    meta.textContent = !query ? words["search.result.placeholder"]
      : n ? (forms[plural.select(n)] || forms.other).replace("{count}", numbers.format(n)) : words["search.result.none"];
    scroller.scrollTop = 0;
    await more();
  };
  const open = (state) => {
    if (toggle.checked === state) return;
    toggle.checked = state;
    toggle.dispatchEvent(new Event("change")); // Material locks the page's scrolling on phones
  };

  meta.textContent = words["search.result.placeholder"];
  input.addEventListener("focus", () => { open(true); load().catch(() => {}); });
  input.addEventListener("input", search);
  toggle.addEventListener("change", () => (toggle.checked ? input.focus() : input.blur()));
  $(".md-search__form").addEventListener("reset", () => setTimeout(search));
  $(".md-search__form").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) location.assign(first.href);
  });
  scroller.addEventListener("scroll", () => {
    if (drawn < found.length && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 40) more();
  });
  // An address with ?q= (the OpenSearch description's, a shared search): open the search with the
  // query filled in. Without JavaScript the page shows as it is.
  const wanted = new URLSearchParams(location.search).get("q");
  if (wanted && wanted.trim()) {
    input.value = wanted;
    open(true);
    search();
  }
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key, target = event.target;
    if (toggle.checked && key === "Escape") {
      open(false);
    } else if (toggle.checked && (key === "ArrowDown" || key === "ArrowUp")) {
      const links = [...list.querySelectorAll("a")], at = links.indexOf(document.activeElement);
      if (!links.length) return;
      event.preventDefault();
      const next = at === -1 ? (key === "ArrowDown" ? 0 : links.length - 1) : at + (key === "ArrowDown" ? 1 : -1);
      (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
    } else if (!toggle.checked && "/sf".includes(key) && key.length === 1
               && !(target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      event.preventDefault();
      open(true);
    }
  });
})();
