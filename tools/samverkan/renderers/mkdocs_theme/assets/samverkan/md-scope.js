// Material's inline head script (partials/javascripts/base.html), as a file so that the
// Content-Security-Policy can forbid inline scripts. The scope comes from data-scope.
var __md_scope_el = document.currentScript;
__md_scope = new URL(__md_scope_el.dataset.scope, location),
__md_hash = e => [...e].reduce(((e, _) => (e << 5) - e + _.charCodeAt(0)), 0),
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e)),
__md_set = (e, _, t = localStorage, a = __md_scope) => { try { t.setItem(a.pathname + "." + e, JSON.stringify(_)) } catch (e) {} };
