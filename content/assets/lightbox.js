/* Picture viewer for galleries marked data-lcp-lightbox (labels in data-label-*): a native modal
   <dialog>. Without JavaScript each picture links to its full image. Notes: README.md here. */
(() => {
  "use strict";
  const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
  const rtl = document.body.dir === "rtl";
  let count = 0;

  function setup(gallery) {
    const links = [...gallery.querySelectorAll("a[data-lcp-full]")];
    if (!links.length) return;
    const labels = gallery.dataset;
    const id = "lcp-lightbox-" + ++count;
    const dialog = document.createElement("dialog");
    dialog.className = "lcp-lightbox";
    dialog.setAttribute("aria-labelledby", id + "-title");
    dialog.setAttribute("aria-describedby", id + "-caption");
    dialog.innerHTML = `<h2 class="lcp-lightbox__title" id="${id}-title"></h2>
      <p class="lcp-lightbox__position" aria-live="polite"></p>
      <figure class="lcp-lightbox__figure"><img class="lcp-lightbox__img">
      <figcaption class="lcp-lightbox__caption" id="${id}-caption"></figcaption></figure>` +
      ["prev", "next", "close"].map((k) => `<button type="button" class="lcp-lightbox__button lcp-lightbox__${k}"><span aria-hidden="true"></span></button>`).join("");
    const part = (name) => dialog.querySelector(".lcp-lightbox__" + name);
    const [img, caption, position] = ["img", "caption", "position"].map(part);
    part("title").textContent = labels.labelDialog;
    const single = links.length < 2;
    // Buttons: name, label, glyph (arrows point the reading direction's way), step (0: close).
    const buttons = [["prev", labels.labelPrevious, rtl ? "\u203a" : "\u2039", -1],
                     ["next", labels.labelNext, rtl ? "\u2039" : "\u203a", 1],
                     ["close", labels.labelClose, "\u00d7", 0]].map(([name, label, glyph, step]) => {
      const b = part(name);
      b.setAttribute("aria-label", label);
      b.title = label;
      b.firstChild.textContent = glyph;
      b.hidden = single && step !== 0;
      b.addEventListener("click", () => (step ? show(current + step) : dialog.close()));
      return b;
    });
    document.body.appendChild(dialog);
    let current = 0;

    function show(index) {
      current = (index + links.length) % links.length;
      const link = links[current];
      const thumb = link.querySelector("img");
      const card = link.closest(".lcp-card");
      img.src = link.href;
      img.alt = thumb ? thumb.alt : "";
      if (thumb && thumb.lang) img.lang = thumb.lang; else img.removeAttribute("lang");
      img.width = +link.dataset.width || 0;
      img.height = +link.dataset.height || 0;
      caption.textContent = card ? [text(card.querySelector(".lcp-card__name")),
        text(card.querySelector(".lcp-card__credit"))].filter(Boolean).join(" \u2014 ") : "";
      position.textContent = (labels.labelPosition || "{n} / {total}")
        .replace("{n}", current + 1).replace("{total}", links.length);
    }

    // showModal() makes the page inert, closes on Esc and gives focus back to the opener.
    dialog.addEventListener("close", () => img.removeAttribute("src"));
    dialog.addEventListener("click", (event) => event.target === dialog && dialog.close()); // backdrop
    dialog.addEventListener("keydown", (event) => {
      const key = event.key;
      if ((key === "ArrowRight" || key === "ArrowLeft") && !single) {
        event.preventDefault();
        show(current + ((key === "ArrowRight") !== rtl ? 1 : -1));
      } else if (key === "Tab") { // keep focus in the dialog (the platform would let it reach the browser)
        const shown = buttons.filter((b) => !b.hidden);
        event.preventDefault();
        shown[(shown.indexOf(document.activeElement) + (event.shiftKey ? -1 : 1) + shown.length) % shown.length].focus();
      }
    });
    links.forEach((link, index) => link.addEventListener("click", (event) => {
      if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      show(index);
      dialog.showModal();
      buttons[2].focus();
    }));
  }

  document.querySelectorAll("[data-lcp-lightbox]").forEach(setup);
})();
