// The code slip's QR code opens /bo-phieu/ma/<ballot>/#ma=CODE. Browsers never send the part after "#", so the
// code reaches no server log; this script moves it into the form, wipes it from the address bar and history,
// and posts it.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-code-entry]");
  var match = /(?:^#|&)ma=([A-Za-z0-9-]{1,40})/.exec(window.location.hash);
  if (!form || !match) { return; }
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  form.querySelector("input[name=code]").value = match[1];
  form.submit();
});
