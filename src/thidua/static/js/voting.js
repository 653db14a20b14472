// Voting pages: a print button, and the limit on ticks in the booth (the server checks it again).
document.addEventListener("click", function (event) {
  var target = event.target.closest ? event.target.closest("[data-print]") : null;
  if (target) { event.preventDefault(); window.print(); }
});
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches(".choices input[type=checkbox]")) { return; }
  var form = box.form;
  var limit = parseInt(form.getAttribute("data-max-choices"), 10);
  var ticked = form.querySelectorAll(".choices input[type=checkbox]:checked").length;
  if (limit && ticked > limit) {
    box.checked = false;
    window.alert(form.getAttribute("data-limit-message"));
  }
});
