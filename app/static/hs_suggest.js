// HS code suggestions in the offer form: asks /api/v1/hs/suggest with the title and description (and the title
// alone, whose words are matched with the headings' names) and offers
// codes to add to the HS codes box. Without JavaScript the panel stays hidden and codes are typed by hand.
(function () {
  const panel = document.querySelector("[data-hs-suggest]");
  if (!panel) return;
  const form = panel.closest("form");
  const codes = form.querySelector("input[name=hs_codes]");
  const button = panel.querySelector("button");
  const list = panel.querySelector("ul");
  const status = panel.querySelector("[data-hs-status]");
  panel.hidden = false;

  function query() {
    const text = [form.querySelector("[name=title]").value, form.querySelector("[name=description]").value]
      .join(" ").replace(/\s+/g, " ").trim();
    return text.slice(0, 200);
  }

  function add(code) {
    const have = codes.value.split(/[,;\s]+/).filter(Boolean);
    if (!have.includes(code)) have.push(code);
    codes.value = have.join(", ");
  }

  function show(items) {
    list.replaceChildren();
    for (const item of items) {
      const pick = document.createElement("button");
      pick.type = "button";
      pick.className = "link";
      // text only: names come from the nomenclature, goods names from the index (the words the user typed)
      pick.textContent = item.code + " · " + item.name + (item.goods ? " (" + item.goods + ")" : "");
      pick.addEventListener("click", function () { add(item.code); });
      const li = document.createElement("li");
      li.append(pick);
      list.append(li);
    }
    status.textContent = items.length ? panel.dataset.pick : panel.dataset.none;
  }

  button.addEventListener("click", async function () {
    const q = query();
    if (!q) { status.textContent = panel.dataset.empty; return; }
    try {
      // the title alone is matched with the headings' names; title and description give the meaning
      const title = form.querySelector("[name=title]").value.trim().slice(0, 300);
      const response = await fetch(panel.dataset.url + "?limit=5&q=" + encodeURIComponent(q) +
        (title ? "&title=" + encodeURIComponent(title) : ""));
      show(response.ok ? (await response.json()).items : []);
    } catch (error) { show([]); }
  });
})();
