// Appended to a copy of a report page by BrowserTests: lists, in the body's data-problems
// attribute, every SVG text drawn outside its drawing, every text drawn smaller than 11 px, a
// page wider than the window,
// and a font stack (the page's or a chart's) that draws Hangul narrower than a CJK font does:
// a missing glyph is about half an em wide, a Hangul syllable a whole one.
(function () {
  const problems = [];
  const fonts = [getComputedStyle(document.body).fontFamily];
  const chart = document.querySelector("svg");
  if (chart) fonts.push(getComputedStyle(chart).fontFamily);
  for (const family of fonts) {
    const probe = document.createElement("span");
    probe.style.font = "40px " + family;
    probe.style.whiteSpace = "nowrap";
    probe.textContent = "한국제약협회";
    document.body.appendChild(probe);
    const perCharacter = probe.getBoundingClientRect().width / 6 / 40;
    if (perCharacter < 0.9) problems.push("Hangul drawn " + perCharacter.toFixed(2) + " em wide in " + family);
    probe.remove();
  }
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
  // Nothing makes the page wider than the window: a wide table scrolls in its own box.
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    problems.push("the page is " + document.documentElement.scrollWidth + " px wide in a " + window.innerWidth + " px window");
  }
  document.body.setAttribute("data-problems", JSON.stringify(problems));
  // In a frame of the width under test (Chromium's windows are 500 px wide at the least), the
  // frame's page reports to the page around it.
  if (window.parent !== window) window.parent.document.body.setAttribute("data-problems", JSON.stringify(problems));
})();
