/* Learning Cities Portal: a small picture viewer (lightbox) for the award galleries.
   Progressive enhancement: without JavaScript each picture is a plain link to its full image.
   With it, the link opens a modal dialog (role dialog, aria-modal, labelled and described) that
   shows the full image; Esc closes it, the arrow keys move to the previous or next picture (in
   reading order, so mirrored on right-to-left pages), Tab stays inside the dialog while it is
   open, and focus returns to the picture that opened it. Labels come from the gallery's
   data-label-* attributes, in the page's language. No third-party code, no other host. */
(function () {
  "use strict";

  var counter = 0;

  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function button(cls, label, glyph) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "lcp-lightbox__button " + cls;
    b.setAttribute("aria-label", label);
    b.title = label;
    var span = document.createElement("span");
    span.setAttribute("aria-hidden", "true");
    span.textContent = glyph;
    b.appendChild(span);
    return b;
  }

  function setup(gallery) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("a[data-lcp-full]"));
    if (!links.length) return;
    var labels = gallery.dataset;
    var id = "lcp-lightbox-" + (++counter);
    var rtl = (document.documentElement.getAttribute("dir") || document.body.dir) === "rtl";

    var dialog = document.createElement("dialog");
    dialog.className = "lcp-lightbox";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-labelledby", id + "-title");
    dialog.setAttribute("aria-describedby", id + "-caption");

    var title = document.createElement("h2");
    title.id = id + "-title";
    title.className = "lcp-lightbox__title";
    title.textContent = labels.labelDialog;
    var position = document.createElement("p");
    position.className = "lcp-lightbox__position";
    position.setAttribute("aria-live", "polite");
    var figure = document.createElement("figure");
    figure.className = "lcp-lightbox__figure";
    var img = document.createElement("img");
    img.className = "lcp-lightbox__img";
    var caption = document.createElement("figcaption");
    caption.id = id + "-caption";
    caption.className = "lcp-lightbox__caption";
    figure.appendChild(img);
    figure.appendChild(caption);
    var prev = button("lcp-lightbox__prev", labels.labelPrevious, rtl ? "\u203a" : "\u2039");
    var next = button("lcp-lightbox__next", labels.labelNext, rtl ? "\u2039" : "\u203a");
    var close = button("lcp-lightbox__close", labels.labelClose, "\u00d7");
    [title, position, figure, prev, next, close].forEach(function (el) { dialog.appendChild(el); });
    document.body.appendChild(dialog);

    var current = 0;
    var opener = null;
    var single = links.length < 2;
    prev.hidden = next.hidden = single;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumb = link.querySelector("img");
      var card = link.closest(".lcp-card");
      img.src = link.href;
      img.alt = thumb ? thumb.alt : "";
      if (thumb && thumb.lang) img.lang = thumb.lang; else img.removeAttribute("lang");
      img.width = +link.dataset.width || 0;
      img.height = +link.dataset.height || 0;
      var name = card ? text(card.querySelector(".lcp-card__name")) : "";
      var credit = card ? text(card.querySelector(".lcp-card__credit")) : "";
      caption.textContent = [name, credit].filter(Boolean).join(" \u2014 ");
      position.textContent = (labels.labelPosition || "{n} / {total}")
        .replace("{n}", String(current + 1)).replace("{total}", String(links.length));
    }

    function open(index) {
      opener = document.activeElement;
      show(index);
      if (typeof dialog.showModal === "function") dialog.showModal(); else dialog.setAttribute("open", "");
      document.documentElement.classList.add("lcp-lightbox-open");
      close.focus();
    }

    function shut() {
      if (dialog.open && typeof dialog.close === "function") dialog.close(); else dialog.removeAttribute("open");
    }

    dialog.addEventListener("close", function () {
      document.documentElement.classList.remove("lcp-lightbox-open");
      img.removeAttribute("src");
      if (opener && typeof opener.focus === "function") opener.focus();
      opener = null;
    });

    function focusables() {
      return [prev, next, close].filter(function (b) { return !b.hidden; });
    }

    dialog.addEventListener("keydown", function (event) {
      var key = event.key;
      if (key === "Escape") {
        event.preventDefault();
        shut();
      } else if (key === "ArrowRight" || key === "ArrowLeft") {
        if (single) return;
        event.preventDefault();
        var forward = (key === "ArrowRight") !== rtl;
        show(current + (forward ? 1 : -1));
      } else if (key === "Tab") {
        var items = focusables();
        var at = items.indexOf(document.activeElement);
        event.preventDefault();
        var step = event.shiftKey ? -1 : 1;
        items[(at + step + items.length) % items.length].focus();
      }
    });

    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) shut(); // a click on the backdrop
    });
    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", shut);

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        open(index);
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-lcp-lightbox]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
