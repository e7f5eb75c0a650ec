// Exit this page leaves with location.replace, so that Back does not return here
// (GOV.UK Frontend assigns location.href, which keeps this page in the history).
// Registered on window in the capture phase: it runs before GOV.UK Frontend's own
// handlers, which then never see the click or the third Shift. A file, not inline:
// public pages are cached and served to many (website/cache.py).
(function () {
  var selector = ".govuk-js-exit-this-page-button, .govuk-js-exit-this-page-skiplink";
  function leave(href) {
    document.body.classList.add("govuk-exit-this-page-hide-content");
    window.location.replace(href);
  }
  window.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(selector);
    if (!link) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    leave(link.href);
  }, true);
  var shifts = 0, timer = null;
  window.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { shifts = 0; return; }
    shifts += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { shifts = 0; }, 5000);
    if (shifts >= 3) {
      var link = document.querySelector(".govuk-js-exit-this-page-button");
      if (!link) return;
      event.stopImmediatePropagation();
      leave(link.href);
    }
  }, true);
})();
