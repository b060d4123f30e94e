// Material's inline script after the content (partials/javascripts/content.html), as a file
// so that the Content-Security-Policy can forbid inline scripts: opens the tab a link points to.
var target = document.getElementById(location.hash.slice(1));
target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
