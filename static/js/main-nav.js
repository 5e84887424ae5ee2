/*
 * The main menu folds behind a "Menu" button on narrow screens (the disclosure pattern:
 * https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/). Wide screens show the list and never
 * the button (CSS). Without this script the list is always open.
 */
(function () {
  "use strict";

  document.querySelectorAll(".main-nav__toggle").forEach(function (button) {
    button.setAttribute("aria-expanded", "false");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
    });
  });
})();
