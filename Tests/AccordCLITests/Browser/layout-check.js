// Appended to a copy of a report page by BrowserTests: lists, in the body's data-problems
// attribute, every SVG text drawn outside its drawing and every text drawn smaller than 11 px.
(function () {
  const problems = [];
  for (const svg of document.querySelectorAll("svg")) {
    if (getComputedStyle(svg).display === "none") continue;
    const box = svg.viewBox.baseVal;
    const scale = svg.getBoundingClientRect().width / box.width;
    for (const text of svg.querySelectorAll("text")) {
      const b = text.getBBox();
      const slack = 0.5;
      if (b.x < box.x - slack || b.y < box.y - slack
          || b.x + b.width > box.x + box.width + slack || b.y + b.height > box.y + box.height + slack) {
        problems.push("outside its chart: " + JSON.stringify(text.textContent));
      }
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < 10.95) problems.push("drawn at " + size.toFixed(1) + " px: " + JSON.stringify(text.textContent));
    }
  }
  document.body.setAttribute("data-problems", JSON.stringify(problems));
})();
