// Drag a session card onto a free slot of the week grid to move it (HTMX posts the move and redraws
// the grid). Without JS the Edit link does the same; the grid never depends on this file.
(() => {
  let dragged = null;
  const csrf = () => (document.querySelector("[name=csrfmiddlewaretoken]") || {}).value
    || JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  document.addEventListener("dragstart", (event) => {
    const card = event.target.closest && event.target.closest(".session-card[data-move-url]");
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.moveUrl);
  });
  document.addEventListener("dragend", () => { dragged = null; });
  const slotOf = (event) => event.target.closest && event.target.closest("td[data-drop]");
  document.addEventListener("dragover", (event) => {
    const slot = slotOf(event);
    if (!slot || !dragged) return;
    event.preventDefault();
    slot.classList.add("drop-over");
  });
  document.addEventListener("dragleave", (event) => {
    const slot = slotOf(event);
    if (slot) slot.classList.remove("drop-over");
  });
  document.addEventListener("drop", (event) => {
    const slot = slotOf(event);
    if (!slot || !dragged || !window.htmx) return;
    event.preventDefault();
    slot.classList.remove("drop-over");
    const grid = slot.closest("table.week-grid");
    window.htmx.ajax("POST", dragged.dataset.moveUrl, {
      target: "#timetable-main",
      values: { date: slot.dataset.date, part: slot.dataset.part, week: grid ? grid.dataset.week : "" },
      headers: { "X-CSRFToken": csrf() },
    });
    dragged = null;
  });
})();
