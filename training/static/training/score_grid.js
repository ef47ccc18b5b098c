// Spreadsheet-like movement in the score grid: arrows move between cells, Enter moves down.
document.addEventListener("keydown", (event) => {
  const input = event.target.closest("input.score");
  if (!input) return;
  const row = Number(input.dataset.row), col = Number(input.dataset.col);
  const moves = {ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [1, 0]};
  if (input.selectionStart === 0 && input.selectionEnd === 0) moves.ArrowLeft = [0, -1];
  if (input.selectionStart === input.value.length) moves.ArrowRight = [0, 1];
  const move = moves[event.key];
  if (!move) return;
  const next = document.querySelector(`input.score[data-row="${row + move[0]}"][data-col="${col + move[1]}"]`);
  if (next) { event.preventDefault(); next.focus(); next.select(); }
  else if (event.key === "Enter") { event.preventDefault(); }
});
