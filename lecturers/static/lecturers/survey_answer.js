// The answers typed before a refused submission, put back into the form.
(function () {
  var values = JSON.parse(document.getElementById("answer-values").textContent);
  Object.keys(values).forEach(function (name) {
    var v = values[name]; if (!v) return;
    var radio = document.querySelector('input[name="' + name + '"][value="' + v + '"]');
    if (radio) { radio.checked = true; return; }
    var area = document.querySelector('textarea[name="' + name + '"]'); if (area) area.value = v;
  });
})();
