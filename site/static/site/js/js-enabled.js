// GOV.UK Frontend's own test: styles for JavaScript-enhanced components apply only when
// its modules will run. Loaded (not inline) at the top of <body>, so cached public pages
// need no per-response CSP nonce.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
